import { z } from 'zod';
import { defineEvent } from '../define-event';

/** The pinned playbook version a session was drawn from (what scoring must score with). */
export const pinnedPlaybook = z.object({
  id: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be semver'),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export const sessionStarted = defineEvent({
  type: 'session.started',
  version: 1,
  source: 'assay.session',
  description:
    'A candidate started an assessment (once per invitation). Carries no personal data and no deadline: extra time is never shown to reviewers.',
  data: z.object({
    sessionId: z.string().min(1),
    assessmentId: z.string().min(1),
    invitationId: z.string().min(1),
    startedAt: z.iso.datetime(),
    playbook: pinnedPlaybook,
  }),
});
