import type { CandidatePrincipal } from '@assay/platform';
import { problems } from '@assay/platform';
import type { SessionGate, SessionRecord, SessionStore } from '../store';
import { sessionProblems } from './problems';

/**
 * The session a candidate addresses by id: only the one of their own invitation. Anything
 * else (another candidate's, another tenant's, made up) is not found.
 */
export async function ownSession(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  read: { consistent?: boolean } = {},
): Promise<SessionRecord> {
  const session = await store.getSession(principal.tenantId, sessionId, read);
  if (!session || session.invitationId !== principal.invitationId)
    throw problems.notFound(`Session ${sessionId}`);
  if (session.status === 'revoked' || session.erasedAt) throw sessionProblems.invitationRevoked();
  return session;
}

/** Why a session's gate refuses a write, as the candidate is told. */
export function refusal(gate: SessionGate) {
  if (gate.status === 'revoked' || gate.erasedAt) return sessionProblems.invitationRevoked();
  // `closing`: a submit has begun; to the candidate the session is submitted.
  if (gate.status === 'submitted' || gate.status === 'closing')
    return sessionProblems.sessionSubmitted();
  return sessionProblems.sessionClosed(gate.closesAt);
}
