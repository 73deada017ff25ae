import { createHash } from 'node:crypto';
import type { CandidatePrincipal, FieldError } from '@assay/platform';
import { HttpProblem, problems } from '@assay/platform';
import { validateAnswers } from '@assay/scoring';
import type { AnswerWrite, SessionGate, SessionStore } from '../store';
import { MissingGateError } from '../store';
import { ownSession, refusal } from './candidate-access';
import { sessionProblems } from './problems';
import { knownSessionFacts, rememberSessionFacts, type SessionFacts } from './session-facts';

/*
 * Answer saves and signals: one conditional PutItem per answer, then one strongly consistent
 * read of the session's gate for the whole request. Why writing before reading is safe: a
 * submit (candidate or deadline) first moves the gate to `closing`, then reads the answers
 * (strongly consistent), then ends the session. A save acknowledged because its gate read saw
 * `in-progress` wrote before the gate closed, so before the submit read the answers: it is in
 * the submitted snapshot. A save whose read sees the gate shut is refused (409/410) and its
 * write taken back (deleted outright when the candidate was erased; TTL is the backstop).
 */

export interface AnswerInput {
  itemId: string;
  seq: number;
  answer: Record<string, unknown>;
}

export interface SavedAnswer {
  itemId: string;
  /** The sequence number now stored. */
  seq: number;
  applied: boolean;
}

type AppliedWrite = Extract<AnswerWrite, { applied: true }>;

/**
 * The session's fixed facts for a write: from memory when this container has them (no read),
 * else from an eventually consistent read of the session (what is used never changes once it
 * exists). Refuses a write past the deadline and grace before anything is written.
 */
async function writableFacts(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  now: Date,
): Promise<SessionFacts> {
  let facts = knownSessionFacts(principal.tenantId, sessionId);
  if (facts === undefined || facts.invitationId !== principal.invitationId) {
    const session = await ownSession(store, principal, sessionId, { consistent: false });
    if (session.status === 'submitted') throw sessionProblems.sessionSubmitted();
    facts = rememberSessionFacts(principal.tenantId, session);
  }
  if (Date.parse(facts.closesAt) <= now.getTime())
    throw sessionProblems.sessionClosed(facts.closesAt);
  return facts;
}

/**
 * Reads the gate after the writes: open → the writes stand. Shut → they are taken back and the
 * request refused as the gate says. A session without a gate takes no writes (fail closed).
 */
async function admit(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  applied: AppliedWrite[],
): Promise<SessionGate> {
  const { tenantId } = principal;
  const gate = await store.getGate(tenantId, sessionId);
  const open =
    gate !== undefined &&
    gate.invitationId === principal.invitationId &&
    gate.status === 'in-progress' &&
    !gate.erasedAt;
  if (open) return gate;
  const erased = gate?.erasedAt !== undefined;
  await Promise.all(applied.map((w) => store.undoAnswer(tenantId, sessionId, w, { erased })));
  if (!gate) {
    // No such session (404 as for any other), or one without its gate: refused, never let through.
    if (applied.length === 0) await ownSession(store, principal, sessionId, { consistent: false });
    throw new MissingGateError(sessionId);
  }
  if (gate.invitationId !== principal.invitationId) throw problems.notFound(`Session ${sessionId}`);
  throw refusal(gate);
}

/** Puts every answer at once, then admits them by one gate read. */
async function writeAnswers(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  facts: SessionFacts,
  answers: AnswerInput[],
  now: Date,
): Promise<{ saved: SavedAnswer[]; gate: SessionGate }> {
  const savedAt = now.toISOString();
  const settled = await Promise.allSettled(
    answers.map((a) =>
      store.putAnswer(
        principal.tenantId,
        sessionId,
        { itemId: a.itemId, answer: a.answer, seq: a.seq, savedAt },
        facts.retainUntil,
      ),
    ),
  );
  const writes = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  // Even when a put failed (a 503 follows), the ones that landed are checked against the gate.
  const gate = await admit(
    store,
    principal,
    sessionId,
    writes.filter((w): w is AppliedWrite => w.applied),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const saved = writes.map((w) =>
    w.applied
      ? { itemId: w.answer.itemId, seq: w.answer.seq, applied: true }
      : { itemId: w.stored.itemId, seq: w.stored.seq, applied: false },
  );
  return { saved, gate };
}

/**
 * `PUT /v1/sessions/{id}/answers/{itemId}`: an older (or the same) `seq` never wins. A request
 * that fails its checks reads the gate first: a closed session's refusal says more than a field's.
 */
export async function saveAnswer(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  itemId: string,
  body: { seq: number; answer: Record<string, unknown> },
  now = new Date(),
): Promise<SavedAnswer> {
  const facts = await writableFacts(store, principal, sessionId, now);
  if (!facts.itemIds.has(itemId)) {
    await admit(store, principal, sessionId, []);
    throw problems.notFound(`Item ${itemId} of this session`);
  }
  const checked = validateAnswers(facts.playbook, { [itemId]: body.answer });
  if (!checked.ok) {
    await admit(store, principal, sessionId, []);
    throw sessionProblems.invalidField('body/answer', checked.problems[0]!.message);
  }
  const { saved } = await writeAnswers(
    store,
    principal,
    sessionId,
    facts,
    [{ itemId, ...body }],
    now,
  );
  return saved[0]!;
}

/**
 * Every answer of a batch checked before any is written: one problem naming each bad field.
 * The caller first asks the gate whether the session still takes writes: a closed session's
 * refusal says more than a field's.
 */
function batchErrors(facts: SessionFacts, answers: AnswerInput[]): HttpProblem | undefined {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const at = `body/answers/${i}`;
    if (seen.has(a.itemId)) errors.push({ pointer: `${at}/itemId`, message: 'repeats an item' });
    else if (!facts.itemIds.has(a.itemId))
      errors.push({ pointer: `${at}/itemId`, message: 'not an item of this session' });
    else {
      const checked = validateAnswers(facts.playbook, { [a.itemId]: a.answer });
      if (!checked.ok)
        errors.push({ pointer: `${at}/answer`, message: checked.problems[0]!.message });
    }
    seen.add(a.itemId);
  });
  if (errors.length > 0)
    return new HttpProblem(
      422,
      'validation',
      'Invalid request',
      `Invalid fields: ${errors.map((e) => e.pointer).join(', ')}`,
      errors,
    );
  return undefined;
}

/**
 * Signals are advisory; the item is keyed by a hash of the batch, so a retried request (same
 * signals, same times) lands on the same item rather than counting twice.
 */
function signalBatchKey(signals: Record<string, unknown>[]): string {
  return createHash('sha256').update(JSON.stringify(signals)).digest('base64url').slice(0, 32);
}

/** `POST /v1/sessions/{id}/signals`: accepted while the gate is open (until submit). */
export async function recordSignals(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  signals: Record<string, unknown>[],
): Promise<{ recorded: number }> {
  const gate = await admit(store, principal, sessionId, []);
  await storeSignals(store, principal, sessionId, signals, gate);
  return { recorded: signals.length };
}

/** Keyed by the batch's content, so a retried request records its signals once. */
function storeSignals(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  signals: Record<string, unknown>[],
  gate: SessionGate,
): Promise<void> {
  return store.addSignals(
    principal.tenantId,
    sessionId,
    signalBatchKey(signals),
    signals,
    gate.retainUntil,
  );
}

/**
 * `POST /v1/sessions/{id}/sync`: many answers and signals in one request. Answers are checked
 * (shape, item, no item twice) before anything is written, put in parallel and admitted by one
 * gate read; signals are recorded once the gate said open. A retry of a partly applied request
 * is safe: its answers' `seq` and its signals' key make it land where the first one did.
 */
export async function syncSession(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  body: { answers?: AnswerInput[]; signals?: Record<string, unknown>[] },
  now = new Date(),
): Promise<{ answers: SavedAnswer[]; signalsRecorded: number }> {
  const answers = body.answers ?? [];
  const signals = body.signals ?? [];
  if (answers.length === 0 && signals.length === 0)
    throw sessionProblems.invalidField('body', 'send at least one answer or signal');
  let saved: SavedAnswer[] = [];
  let gate: SessionGate;
  if (answers.length > 0) {
    const facts = await writableFacts(store, principal, sessionId, now);
    const invalid = batchErrors(facts, answers);
    if (invalid) {
      await admit(store, principal, sessionId, []);
      throw invalid;
    }
    ({ saved, gate } = await writeAnswers(store, principal, sessionId, facts, answers, now));
  } else gate = await admit(store, principal, sessionId, []);
  if (signals.length > 0) await storeSignals(store, principal, sessionId, signals, gate);
  return { answers: saved, signalsRecorded: signals.length };
}
