import { describe, expect, it } from 'vitest';
import { dynamoClient, HttpProblem } from '@assay/platform';
import { saveAnswer } from '../src/domain/answer-writes';
import { SessionStore } from '../src/store';
import { useSessionOverHttp } from './support/session-over-http';

// Autosave skips the session read once a session's fixed facts are in memory. These checks
// warm that path first, then prove it still refuses at once what the session's state forbids:
// a revoked invitation, a submitted session, a passed deadline, an older sequence number.

const http = useSessionOverHttp('f');
const { call } = http;

/** A started session with its first written item saved twice (the second save is a fast one). */
async function warmSession() {
  const { invitationId, token, session: started } = await http.startSession();
  const session = started as { id: string; form: { items: { id: string; type: string }[] } };
  const itemId = session.form.items.find((i) => i.type === 'written')!.id;
  const path = `/v1/sessions/${session.id}/answers/${itemId}`;
  for (const seq of [1, 2]) {
    const saved = await call(token, 'PUT', path, { seq, answer: { text: `draft ${seq}` } });
    expect(saved.json).toEqual({ itemId, seq, applied: true });
  }
  return { invitationId, token, sessionId: session.id, itemId, path };
}

describe('autosave once the session is known', () => {
  it('still lets only a newer sequence number win', async () => {
    const s = await warmSession();
    const older = await call(s.token, 'PUT', s.path, { seq: 1, answer: { text: 'stale' } });
    expect(older.json).toEqual({ itemId: s.itemId, seq: 2, applied: false });
    const take = await call(s.token, 'GET', `/v1/take/${s.token}`);
    const answers = (take.json.session as { answers: Record<string, unknown> }).answers;
    expect(answers[s.itemId]).toEqual({ answer: { text: 'draft 2' }, seq: 2 });
  });

  it('refuses the next save at once after the invitation is revoked', async () => {
    const s = await warmSession();
    const revoked = await call(http.demo.apiKey, 'DELETE', `/v1/invitations/${s.invitationId}`);
    expect(revoked.status).toBe(200);
    const save = await call(s.token, 'PUT', s.path, { seq: 3, answer: { text: 'late' } });
    expect(save.status).toBe(410);
    expect(save.json.type).toBe('https://assay.dev/problems/invitation-revoked');
  });

  it('refuses the next save at once after submit', async () => {
    const s = await warmSession();
    expect((await call(s.token, 'POST', `/v1/sessions/${s.sessionId}/submit`)).status).toBe(200);
    const save = await call(s.token, 'PUT', s.path, { seq: 3, answer: { text: 'late' } });
    expect(save.status).toBe(409);
    expect(save.json.type).toBe('https://assay.dev/problems/session-submitted');
  });

  it('refuses a save after the deadline and grace, and an invalid answer, as before', async () => {
    const s = await warmSession();
    const store = new SessionStore(dynamoClient());
    const session = (await store.getSession(http.demo.tenantId, s.sessionId))!;
    const principal = {
      kind: 'candidate' as const,
      tenantId: http.demo.tenantId,
      invitationId: s.invitationId,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    // Warm this module's copy of the facts too, then write just after the session closed.
    await saveAnswer(store, principal, s.sessionId, s.itemId, { seq: 3, answer: { text: 'ok' } });
    const late = new Date(Date.parse(session.closesAt) + 1);
    const closed = await saveAnswer(
      store,
      principal,
      s.sessionId,
      s.itemId,
      { seq: 4, answer: { text: 'late' } },
      late,
    ).catch((err: unknown) => err);
    expect(closed).toBeInstanceOf(HttpProblem);
    expect((closed as HttpProblem).status).toBe(409);
    const invalid = await call(s.token, 'PUT', s.path, { seq: 5, answer: { choice: 'zzz' } });
    expect(invalid.status).toBe(422);
    const stored = await store.getAnswer(http.demo.tenantId, s.sessionId, s.itemId);
    expect(stored?.seq).toBe(3);
  });
});
