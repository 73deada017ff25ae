import { describe, expect, it } from 'vitest';
import { useSessionOverHttp } from './support/session-over-http';

// `POST /v1/sessions/{id}/sync` over real HTTP on the local stack: many answers and signals in
// one request; every answer checked before any is written; a retry changes nothing.

const http = useSessionOverHttp('y');
const { call } = http;

type Item = { id: string; type: string; options?: { id: string }[] };

async function startedSession() {
  const { token, session: started } = await http.startSession();
  const session = started as { id: string; form: { items: Item[] } };
  const written = session.form.items.filter((i) => i.type === 'written').map((i) => i.id);
  const sjt = session.form.items.find((i) => i.type === 'sjt')!;
  return { token, id: session.id, written, sjt, sync: `/v1/sessions/${session.id}/sync` };
}

const storedAnswers = async (token: string) => {
  const take = await call(token, 'GET', `/v1/take/${token}`);
  return (take.json.session as { answers: Record<string, { answer: unknown; seq: number }> })
    .answers;
};

const reviewerSignals = async (sessionId: string) =>
  (await call(http.demo.apiKey, 'GET', `/v1/sessions/${sessionId}`)).json.signals as {
    events: unknown[];
    focusLost: number;
  };

describe('POST /v1/sessions/{id}/sync', () => {
  it('saves many answers and records signals in one request; a retry changes nothing', async () => {
    const s = await startedSession();
    const [a, b] = s.written;
    const body = {
      answers: [
        { itemId: a, seq: 1, answer: { text: 'first' } },
        { itemId: b, seq: 4, answer: { text: 'second' } },
        {
          itemId: s.sjt.id,
          seq: 2,
          answer: { best: s.sjt.options![0]!.id, worst: s.sjt.options![1]!.id },
        },
      ],
      signals: [
        { kind: 'focus-lost', at: '2026-06-01T10:00:00.000Z' },
        { kind: 'paste', at: '2026-06-01T10:00:01.000Z', itemId: a, chars: 40 },
      ],
    };
    const first = await call(s.token, 'POST', s.sync, body);
    expect(first).toEqual({
      status: 200,
      json: {
        answers: [
          { itemId: a, seq: 1, applied: true },
          { itemId: b, seq: 4, applied: true },
          { itemId: s.sjt.id, seq: 2, applied: true },
        ],
        signalsRecorded: 2,
      },
    });
    const retry = await call(s.token, 'POST', s.sync, body);
    expect(retry.status).toBe(200);
    expect((retry.json.answers as { applied: boolean }[]).map((r) => r.applied)).toEqual([
      false,
      false,
      false,
    ]);
    expect(await storedAnswers(s.token)).toMatchObject({
      [a!]: { answer: { text: 'first' }, seq: 1 },
      [b!]: { answer: { text: 'second' }, seq: 4 },
    });
    expect(await reviewerSignals(s.id)).toMatchObject({ focusLost: 1, events: [{}, {}] });
    // An older seq for one item loses; the newer one for another wins.
    const mixed = await call(s.token, 'POST', s.sync, {
      answers: [
        { itemId: a, seq: 2, answer: { text: 'first, revised' } },
        { itemId: b, seq: 3, answer: { text: 'stale' } },
      ],
    });
    expect(mixed.json.answers).toEqual([
      { itemId: a, seq: 2, applied: true },
      { itemId: b, seq: 4, applied: false },
    ]);
    // Signals alone are fine too.
    const signalsOnly = await call(s.token, 'POST', s.sync, {
      signals: [{ kind: 'focus-regained', at: '2026-06-01T10:00:05.000Z' }],
    });
    expect(signalsOnly.json).toEqual({ answers: [], signalsRecorded: 1 });
  });

  it('refuses a batch with any bad answer before writing any, naming each field', async () => {
    const s = await startedSession();
    const [a, b] = s.written;
    const bad = await call(s.token, 'POST', s.sync, {
      answers: [
        { itemId: a, seq: 1, answer: { text: 'fine' } },
        { itemId: 'no-such-item', seq: 1, answer: { text: 'x' } },
        { itemId: s.sjt.id, seq: 1, answer: { best: 'zzz' } },
        { itemId: a, seq: 2, answer: { text: 'again' } },
        { itemId: b, seq: 1, answer: { text: 'fine too' } },
      ],
      signals: [{ kind: 'focus-lost', at: '2026-06-01T10:00:00.000Z' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.type).toBe('https://assay.dev/problems/validation');
    expect((bad.json.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual([
      'body/answers/1/itemId',
      'body/answers/2/answer',
      'body/answers/3/itemId',
    ]);
    expect(await storedAnswers(s.token)).toEqual({});
    expect((await reviewerSignals(s.id)).events).toEqual([]);

    const empty = await call(s.token, 'POST', s.sync, { answers: [], signals: [] });
    expect(empty.status).toBe(422);
    expect((empty.json.errors as { pointer: string }[])[0]!.pointer).toBe('body');
    const tooMany = await call(s.token, 'POST', s.sync, {
      answers: Array.from({ length: 101 }, (_, i) => ({
        itemId: `i${i}`,
        seq: 1,
        answer: { text: 'x' },
      })),
    });
    expect(tooMany.status).toBe(422);
    expect((tooMany.json.errors as { pointer: string }[])[0]!.pointer).toBe('body/answers');
  });

  it('refuses after submit, keeping nothing of the request', async () => {
    const s = await startedSession();
    const [a] = s.written;
    await call(s.token, 'POST', s.sync, {
      answers: [{ itemId: a, seq: 1, answer: { text: 'kept' } }],
    });
    expect((await call(s.token, 'POST', `/v1/sessions/${s.id}/submit`)).status).toBe(200);
    const late = await call(s.token, 'POST', s.sync, {
      answers: [{ itemId: a, seq: 2, answer: { text: 'late' } }],
      signals: [{ kind: 'focus-lost', at: '2026-06-01T10:00:00.000Z' }],
    });
    expect(late.status).toBe(409);
    expect(late.json.type).toBe('https://assay.dev/problems/session-submitted');
    expect(await storedAnswers(s.token)).toEqual({ [a!]: { answer: { text: 'kept' }, seq: 1 } });
    expect((await reviewerSignals(s.id)).events).toEqual([]);
  });

  it("answers 404 for another candidate's session", async () => {
    const mine = await startedSession();
    const other = await startedSession();
    const res = await call(other.token, 'POST', mine.sync, {
      answers: [{ itemId: mine.written[0], seq: 1, answer: { text: 'x' } }],
    });
    expect(res.status).toBe(404);
    expect(await storedAnswers(mine.token)).toEqual({});
  });
});
