import { HttpProblem } from '@assay/platform';

/** The session service's own problem types (stable `type` URIs clients branch on). */
export const sessionProblems = {
  invalidField: (pointer: string, message: string) =>
    new HttpProblem(422, 'validation', 'Invalid request', `Invalid fields: ${pointer}`, [
      { pointer, message },
    ]),
  invitationRevoked: () =>
    new HttpProblem(
      410,
      'invitation-revoked',
      'Invitation withdrawn',
      'This assessment link was withdrawn by the employer; contact them if you think this is a mistake',
    ),
  invitationExpired: (at: string) =>
    new HttpProblem(
      410,
      'invitation-expired',
      'Invitation expired',
      `This assessment link expired at ${at}; ask the employer for a new one`,
    ),
  invitationEnded: (status: string) =>
    new HttpProblem(409, 'conflict', 'Conflict', `The invitation is already ${status}`),
  sessionClosed: (closesAt: string) =>
    new HttpProblem(
      409,
      'session-closed',
      'Session closed',
      `The time for this session ran out (writes were accepted until ${closesAt})`,
    ),
  sessionSubmitted: () =>
    new HttpProblem(
      409,
      'session-submitted',
      'Session submitted',
      'This session has been submitted; answers can no longer change',
    ),
};
