import { z } from 'zod';
import { defineEvent } from '../define-event';
import { retainUntil } from './candidate-erasure';
import { pinnedPlaybook } from './session-started';

const base = {
  sessionId: z.string().min(1),
  assessmentId: z.string().min(1),
  invitationId: z.string().min(1),
  reason: z.enum(['candidate', 'time-expired']),
  startedAt: z.iso.datetime(),
  submittedAt: z.iso.datetime(),
  playbook: pinnedPlaybook,
  /** Advisory integrity signals, summed; never part of the score. */
  signals: z.object({
    focusLost: z.number().int().min(0),
    pastes: z.number().int().min(0),
    pastedChars: z.number().int().min(0),
  }),
  retainUntil,
};

/** The drawn form (the playbook restricted to the drawn items) and the answers, by item id. */
const submission = {
  form: z
    .object({
      seed: z.string().min(1),
      sampling: z.record(z.string(), z.number().int()),
      itemIds: z.array(z.string()),
      playbook: z.record(z.string(), z.unknown()),
    })
    .describe('The pinned form exactly as drawn for this session, keys included'),
  answers: z.record(z.string(), z.record(z.string(), z.unknown())),
};

const claimRef = z
  .object({
    claimId: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    bytes: z.number().int().positive(),
    chunks: z.number().int().positive(),
  })
  .describe('Claim check of `{ form, answers }` when the detail would exceed 200 KB');

export const sessionSubmitted = defineEvent({
  type: 'session.submitted',
  version: 1,
  source: 'assay.session',
  description:
    'A session ended: submitted by the candidate or at the deadline. Carries the answers and the pinned form (inline, or as a claim-check reference when too large), exactly once per session.',
  data: z.union([
    z.object({ ...base, ...submission }),
    z.object({ ...base, submissionRef: claimRef }),
  ]),
});
