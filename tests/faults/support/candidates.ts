// Simulated candidates for the fault suites: like the sim's takeAssessment, but every
// acknowledged save and submit is recorded as it happens, so a run cut short by a crash still
// knows exactly what the server promised to keep.
import { isDeepStrictEqual } from 'node:util';
import type { Item, Playbook } from '@assay/playbooks';
import { ApiError, call, type Invitation } from '../../../packages/cli/src/sim/assay-api';
import { generateAnswer, prng } from '../../../packages/cli/src/sim/synthetic-answers';

type Answer = NonNullable<ReturnType<typeof generateAnswer>>;

export interface Ack {
  seq: number;
  answer: Answer;
  /** performance.now() when the 2xx arrived. */
  at: number;
}

/** One candidate's promises from the server: saves (highest acknowledged seq per item), submit. */
export interface CandidateRecord {
  token: string;
  sessionId?: string;
  acked: Map<string, Ack>;
  /** Save requests answered 2xx. */
  ackedSaves: number;
  submitted: boolean;
  /** Requests that failed without an acknowledgement (connection refused, 5xx): may be lost. */
  unacknowledged: number;
  /** Non-2xx answers by status, e.g. 503 while DynamoDB Local restarts. */
  statuses: Map<number, number>;
}

export interface DriveOptions {
  baseUrl: string;
  invitation: Invitation;
  playbook: Playbook;
  seed: number;
  /** Saves per item (drafts then the final answer), as a typing candidate's page autosaves. */
  savesPerItem: number;
  submit: boolean;
  pauseMs?: number;
  /** Keep going after a failed request (a restart under load) instead of stopping. */
  retryFailures?: boolean;
  /** Stop early (the crash happened); checked before every request. */
  stopped?: () => boolean;
  record?: CandidateRecord;
}

export function newRecord(token: string): CandidateRecord {
  return {
    token,
    acked: new Map(),
    ackedSaves: 0,
    submitted: false,
    unacknowledged: 0,
    statuses: new Map(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A text cut short, as a draft autosave sends it; choices are saved whole. */
function draftOf(answer: Answer, fraction: number): Answer {
  if (!('text' in answer)) return answer;
  return { text: answer.text.slice(0, Math.max(1, Math.floor(answer.text.length * fraction))) };
}

/**
 * Starts (or resumes) the session and saves every item `savesPerItem` times with increasing
 * seq, continuing after the highest acknowledged seq of a resumed session; then submits.
 */
export async function driveCandidate(options: DriveOptions): Promise<CandidateRecord> {
  const { baseUrl, invitation } = options;
  const record = options.record ?? newRecord(invitation.token);
  const random = prng(options.seed);
  const byId = new Map<string, Item>(options.playbook.items.map((i) => [i.id, i]));
  const request = async (method: string, path: string, body?: unknown) => {
    for (;;) {
      if (options.stopped?.()) return undefined;
      try {
        return await call(baseUrl, invitation.token, method, path, body);
      } catch (err) {
        record.unacknowledged++;
        if (err instanceof ApiError)
          record.statuses.set(err.status, (record.statuses.get(err.status) ?? 0) + 1);
        if (!options.retryFailures) return undefined;
        if (err instanceof ApiError && err.status < 500) throw err;
        await sleep(100);
      }
    }
  };
  const started = await request('POST', `/v1/take/${invitation.token}/start`);
  if (!started) return record;
  const session = started.body as {
    id: string;
    status: 'in-progress' | 'submitted';
    form: { items: { id: string }[] };
    answers: Record<string, { seq: number }>;
  };
  record.sessionId = session.id;
  // A submit whose answer the crash swallowed may have happened (or been finished on this
  // resume): the candidate then sees the session submitted, as the page shows its end screen.
  if (session.status === 'submitted') {
    record.submitted = true;
    return record;
  }
  for (const { id } of session.form.items) {
    const answer = generateAnswer(byId.get(id)!, 'average', random);
    if (answer === undefined) continue;
    const from = (session.answers[id]?.seq ?? 0) + 1;
    for (let n = 1; n <= options.savesPerItem; n++) {
      if (options.pauseMs) await sleep(options.pauseMs * (0.5 + random()));
      const body = n < options.savesPerItem ? draftOf(answer, n / options.savesPerItem) : answer;
      const seq = from + n - 1;
      const res = await request(
        'PUT',
        `/v1/sessions/${session.id}/answers/${encodeURIComponent(id)}`,
        { seq, answer: body },
      );
      if (!res) return record;
      record.ackedSaves++;
      const acked = record.acked.get(id);
      if (!acked || acked.seq < seq)
        record.acked.set(id, { seq, answer: body, at: performance.now() });
    }
  }
  if (!options.submit) return record;
  const submitted = await request('POST', `/v1/sessions/${session.id}/submit`);
  if (submitted) record.submitted = true;
  return record;
}

export interface AnswerCheck {
  checkedAnswers: number;
  /** "session/item: why" for every acknowledged answer not stored as acknowledged. */
  problems: string[];
}

/**
 * Reads every candidate's session back (resume returns the stored answers) and checks each
 * acknowledged save: stored with at least its seq, and with the very answer when the seq is equal.
 */
export async function checkAcknowledgedAnswers(
  baseUrl: string,
  records: readonly CandidateRecord[],
  /** performance.now() of a crash, to say how long before it a lost answer was acknowledged. */
  crashAt?: number,
): Promise<AnswerCheck> {
  const result: AnswerCheck = { checkedAnswers: 0, problems: [] };
  for (const record of records) {
    if (record.acked.size === 0) continue;
    const res = await call(baseUrl, record.token, 'POST', `/v1/take/${record.token}/start`);
    const stored = (res.body as { answers: Record<string, { seq: number; answer: unknown }> })
      .answers;
    for (const [itemId, ack] of record.acked) {
      result.checkedAnswers++;
      const got = stored[itemId];
      const when =
        crashAt === undefined ? '' : `, acked ${Math.round(crashAt - ack.at)} ms before the crash`;
      if (!got)
        result.problems.push(
          `${record.sessionId}/${itemId}: missing (acked seq ${ack.seq}${when})`,
        );
      else if (got.seq < ack.seq)
        result.problems.push(
          `${record.sessionId}/${itemId}: seq ${got.seq} < acked ${ack.seq}${when}`,
        );
      else if (got.seq === ack.seq && !isDeepStrictEqual(got.answer, ack.answer))
        result.problems.push(`${record.sessionId}/${itemId}: answer differs at seq ${ack.seq}`);
    }
  }
  return result;
}
