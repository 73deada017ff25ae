import { z } from 'zod';
import { defineEvent } from '../define-event';

export const sessionDeadlineReached = defineEvent({
  type: 'session.deadline-reached',
  version: 1,
  source: 'assay.session',
  description:
    "A session's deadline plus grace has passed (put on the bus by a one-time schedule); the session service submits it if the candidate has not.",
  data: z.object({ sessionId: z.string().min(1) }),
});
