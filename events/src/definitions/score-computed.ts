import { z } from 'zod';
import { defineEvent } from '../define-event';
import { retainUntil } from './candidate-erasure';
import { pinnedPlaybook } from './session-started';

/** A content-addressed claim check (platform ClaimRef) of the full scorecard document. */
export const scorecardRef = z
  .object({
    claimId: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    bytes: z.number().int().positive(),
    chunks: z.number().int().positive(),
  })
  .describe(
    'Claim check of the full scorecard (items and evidence) for internal read models; integrations fetch it over the API',
  );

/** The candidate-free summary every score event carries. */
export const scoreSummary = {
  sessionId: z.string().min(1),
  assessmentId: z.string().min(1),
  scorecardId: z.string().min(1),
  /** 0 for the first scorecard, then +1 per review or re-score. */
  revision: z.number().int().min(0),
  playbook: pinnedPlaybook,
  total: z.number().min(0).max(100),
  band: z.enum(['strong', 'proceed', 'borderline', 'not-recommended']),
  sections: z.record(z.string(), z.object({ score: z.number(), weight: z.number() })),
  redFlags: z.array(z.string()).describe('Ids of the red flags raised (never their text)'),
  scorecardRef,
  retainUntil,
};

export const scoreComputed = defineEvent({
  type: 'score.computed',
  version: 1,
  source: 'assay.scoring',
  description:
    'A submitted session was scored with the playbook version it pinned. A small summary (no candidate data); the full scorecard is `GET /v1/sessions/{id}/scorecard`. Exactly once per session.',
  data: z.object({ ...scoreSummary, scoredAt: z.iso.datetime() }),
});
