import { z } from 'zod';
import { defineEvent } from '../define-event';
import { scoreSummary } from './score-computed';

const review = z.object({
  itemId: z.string().min(1),
  from: z.number(),
  to: z.number(),
  reason: z.string().min(1),
  reviewer: z.string().min(1).describe('The API key id that made the override'),
});

const rescore = z.object({
  fromVersion: z.string(),
  toVersion: z.string(),
  totalBefore: z.number(),
  bandBefore: z.string(),
  changedItems: z.number().int().min(0),
  reviewer: z.string().min(1),
});

export const scoreRevised = defineEvent({
  type: 'score.revised',
  version: 1,
  source: 'assay.scoring',
  description:
    "A session's scorecard changed: a reviewer overrode one item's score (with a reason), or the session was re-scored against a newer version of its playbook. Carries the new summary and `revision`; the highest revision is current.",
  data: z.union([
    z.object({ ...scoreSummary, kind: z.literal('review'), review, revisedAt: z.iso.datetime() }),
    z.object({ ...scoreSummary, kind: z.literal('rescore'), rescore, revisedAt: z.iso.datetime() }),
  ]),
});
