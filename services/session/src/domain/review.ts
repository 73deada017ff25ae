import { problems } from '@assay/platform';
import type { SessionStore } from '../store';

/**
 * A session as a reviewer sees it: status, times, answers and integrity signals. Never the
 * deadline nor anything else that reveals the candidate's extra-time accommodation, and nothing
 * of the candidate once erased.
 */
export async function reviewerSession(store: SessionStore, tenantId: string, sessionId: string) {
  const session = await store.getSession(tenantId, sessionId);
  if (!session) throw problems.notFound(`Session ${sessionId}`);
  const erased = session.erasedAt !== undefined;
  const answers = erased ? [] : await store.listAnswers(tenantId, sessionId);
  const signals = erased ? [] : await store.listSignals(tenantId, sessionId);
  const pastes = signals.filter((s) => s.kind === 'paste');
  const byTime = (a: { at?: unknown }, b: { at?: unknown }) =>
    String(a.at ?? '') < String(b.at ?? '') ? -1 : String(a.at ?? '') > String(b.at ?? '') ? 1 : 0;
  return {
    id: session.id,
    invitationId: session.invitationId,
    assessmentId: session.assessmentId,
    playbook: session.playbook,
    status: session.status,
    startedAt: session.startedAt,
    submittedAt: session.submittedAt,
    reason: session.reason,
    itemIds: session.form.itemIds,
    answered: session.answered ?? answers.length,
    answers: Object.fromEntries(
      answers.map((a) => [a.itemId, { answer: a.answer, seq: a.seq, savedAt: a.savedAt }]),
    ),
    signals: {
      focusLost: signals.filter((s) => s.kind === 'focus-lost').length,
      pastes: pastes.length,
      pastedChars: pastes.reduce((sum, s) => sum + Number(s.chars ?? 0), 0),
      events: [...signals].sort(byTime),
    },
    erasedAt: session.erasedAt ?? null,
  };
}
