// The load bench's proof: after the run, count every record through the public API and compare
// with what the simulated candidates were told. Answers: each item's stored answer and seq must
// equal the last acknowledged save. Sessions: every invitation's status as expected. Scores: one
// scorecard per submitted session. Webhooks: exactly one webhook id per submitted session, one
// payload per webhook id, no bad signatures.
import { isDeepStrictEqual } from 'node:util';
import type { Answer } from '@assay/scoring';
import { call } from '../sim/assay-api';
import type { WebhookReceiver } from './webhook-receiver';

export interface SimulatedCandidate {
  token: string;
  invitationId: string;
  sessionId?: string;
  /** The last save the server acknowledged for each item. */
  acked: Map<string, { seq: number; answer: Answer }>;
  submitted: boolean;
  failed: boolean;
}

export interface Verification {
  lines: string[];
  ok: boolean;
}

interface StoredSession {
  id: string;
  status: string;
  answers: Record<string, { answer: unknown; seq: number }>;
}

/** Runs `work` over `xs` with at most `width` at a time (the read-back must not be a load test). */
async function eachLimited<T>(xs: T[], width: number, work: (x: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, xs.length) }, async () => {
    while (next < xs.length) await work(xs[next++]!);
  });
  await Promise.all(lanes);
}

export async function verifyByCounting(
  baseUrl: string,
  apiKey: string,
  assessmentId: string,
  candidates: SimulatedCandidate[],
  receiver: WebhookReceiver,
): Promise<Verification> {
  const failures: string[] = [];
  const withSession = candidates.filter((c) => c.sessionId);
  const submitted = candidates.filter((c) => c.submitted);

  // Answers, read back the way the candidate page does.
  let items = 0;
  let lost = 0;
  let reordered = 0;
  let unexpected = 0;
  let wrongStatus = 0;
  await eachLimited(withSession, 8, async (c) => {
    const res = await call(baseUrl, c.token, 'GET', `/v1/take/${c.token}`);
    const session = (res.body as { session: StoredSession | null }).session;
    if (!session || session.id !== c.sessionId) {
      lost += c.acked.size;
      wrongStatus++;
      return;
    }
    if ((session.status === 'submitted') !== c.submitted) wrongStatus++;
    for (const [itemId, ack] of c.acked) {
      items++;
      const stored = session.answers[itemId];
      if (!stored || stored.seq < ack.seq) lost++;
      else if (stored.seq === ack.seq && !isDeepStrictEqual(stored.answer, ack.answer)) reordered++;
      // A newer seq can only be a save that failed on our side yet landed (the candidate failed).
      else if (stored.seq > ack.seq) {
        if (c.failed) unexpected++;
        else reordered++;
      }
    }
    for (const itemId of Object.keys(session.answers)) if (!c.acked.has(itemId)) unexpected++;
  });
  if (lost + reordered + wrongStatus > 0 || (unexpected > 0 && !candidates.some((c) => c.failed)))
    failures.push('answers');

  // Invitations, counted by status through the tenant API (every page).
  const statuses = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (
      await call(baseUrl, apiKey, 'GET', `/v1/assessments/${assessmentId}/invitations?${query}`)
    ).body as { items: { status: string }[]; nextCursor: string | null };
    for (const inv of page.items) statuses.set(inv.status, (statuses.get(inv.status) ?? 0) + 1);
    cursor = page.nextCursor;
  } while (cursor);
  const invitations = [...statuses.values()].reduce((a, b) => a + b, 0);
  const storedSubmitted = statuses.get('submitted') ?? 0;
  const storedStarted = (statuses.get('started') ?? 0) + storedSubmitted;
  if (
    invitations !== candidates.length ||
    storedSubmitted !== submitted.length ||
    storedStarted !== withSession.length
  )
    failures.push('sessions');

  // Scorecards: exactly one (revision 0, one history entry) per submitted session.
  let scorecards = 0;
  let missingCards = 0;
  let extraRevisions = 0;
  let cardMismatch = 0;
  await eachLimited(submitted, 8, async (c) => {
    const res = await call(
      baseUrl,
      apiKey,
      'GET',
      `/v1/sessions/${c.sessionId!}/scorecard`,
      undefined,
      (s) => s === 200 || s === 404,
    );
    if (res.status === 404) return void missingCards++;
    scorecards++;
    const card = res.body as { scorecardId: string; revision: number; history: unknown[] };
    if (card.revision !== 0 || card.history.length !== 1) extraRevisions++;
    const [hookId] = receiver.idsBySession.get(c.sessionId!) ?? [];
    const hook = hookId === undefined ? undefined : receiver.byId.get(hookId);
    if (hook && hook.scorecardId !== card.scorecardId) cardMismatch++;
  });
  if (missingCards + extraRevisions + cardMismatch > 0) failures.push('scorecards');

  // Webhooks: one id per submitted session, one payload per id, every signature good.
  let exactlyOne = 0;
  let missingHooks = 0;
  let extraIds = 0;
  for (const c of submitted) {
    const ids = receiver.idsBySession.get(c.sessionId!)?.size ?? 0;
    if (ids === 1) exactlyOne++;
    else if (ids === 0) missingHooks++;
    else extraIds++;
  }
  const submittedIds = new Set(submitted.map((c) => c.sessionId));
  const strangers = [...receiver.idsBySession.keys()].filter((s) => !submittedIds.has(s)).length;
  const twoPayloads = [...receiver.bodiesById.values()].filter((b) => b.size > 1).length;
  if (missingHooks + extraIds + strangers + twoPayloads + receiver.badSignatures > 0)
    failures.push('webhooks');

  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `verify answers     ${n(withSession.length)} sessions read back: ${n(items)} items checked, ${lost} lost, ${reordered} reordered, ${wrongStatus} wrong status, ${unexpected} unacknowledged stored`,
    `verify sessions    ${n(invitations)} invitations of ${n(candidates.length)}, ${n(storedStarted)} started of ${n(withSession.length)}, ${n(storedSubmitted)} submitted of ${n(submitted.length)}`,
    `verify scorecards  ${n(scorecards)} of ${n(submitted.length)} submitted sessions: ${missingCards} missing, ${extraRevisions} with extra revisions, ${cardMismatch} not matching their webhook`,
    `verify webhooks    ${n(exactlyOne)} of ${n(submitted.length)} submitted sessions with exactly one webhook id: ${missingHooks} missing, ${extraIds} with several ids, ${strangers} for unknown sessions, ${twoPayloads} ids with two payloads, ${receiver.badSignatures} bad signatures (${n(receiver.requests)} requests)`,
    failures.length === 0
      ? 'verified: every count exact'
      : `VERIFICATION FAILED: ${failures.join(', ')}`,
  ];
  return { lines, ok: failures.length === 0 };
}
