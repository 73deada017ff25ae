import {
  createEvent,
  sessionStarted,
  sessionSubmitted,
  type EnvelopeContext,
  type EventData,
} from '@assay/events';
import type { CandidatePrincipal } from '@assay/platform';
import { claimWrites, HttpProblem, needsClaimCheck, problems } from '@assay/platform';
import { candidateView, drawForm, Playbook } from '@assay/playbooks';
import type { InvitationRecord, SessionRecord, SessionStore, SubmitReason } from '../store';
import { ConflictError, SessionClosedError } from '../store';
import { ownSession } from './candidate-access';
import { newId } from './ids';
import { allowedMinutes, deadlineFor, graceMs } from './policy';
import { sessionProblems } from './problems';
import { rememberSessionFacts } from './session-facts';

// ─── How the candidate sees a session ───────────────────────────────────────

async function candidateSession(store: SessionStore, tenantId: string, s: SessionRecord) {
  const answers = await store.listAnswers(tenantId, s.id);
  return {
    id: s.id,
    status: s.status === 'submitted' ? ('submitted' as const) : ('in-progress' as const),
    startedAt: s.startedAt,
    deadline: s.deadline,
    submittedAt: s.submittedAt,
    reason: s.reason,
    form: candidateView(s.form) as unknown as Record<string, unknown>,
    answers: Object.fromEntries(answers.map((a) => [a.itemId, { answer: a.answer, seq: a.seq }])),
  };
}

/** The invitation a token stands for, refused with a clear problem once revoked. */
async function invitationOf(
  store: SessionStore,
  principal: CandidatePrincipal,
): Promise<InvitationRecord> {
  const invitation = await store.getInvitation(principal.tenantId, principal.invitationId);
  if (!invitation) throw problems.notFound('Invitation');
  // An erased candidate's link is dead like a revoked one (the token itself cannot be found by
  // invitation, so the invitation refuses it).
  if (invitation.status === 'revoked' || invitation.erasedAt)
    throw sessionProblems.invitationRevoked();
  return invitation;
}

export async function takeView(
  store: SessionStore,
  principal: CandidatePrincipal,
  ctx: EnvelopeContext,
  now = new Date(),
) {
  const invitation = await invitationOf(store, principal);
  const stored = invitation.sessionId
    ? await store.getSession(principal.tenantId, invitation.sessionId)
    : undefined;
  const session =
    stored && (await finishStalledSubmit(store, principal.tenantId, stored, ctx, now));
  if (!session && Date.parse(invitation.expiresAt) <= now.getTime())
    throw sessionProblems.invitationExpired(invitation.expiresAt);
  const assessment = await store.getAssessment(principal.tenantId, invitation.assessmentId);
  if (!assessment) throw problems.notFound('Assessment');
  const { record } = assessment;
  // Before the start only the outline: reading the questions must start the clock.
  const sections = (JSON.parse(assessment.document) as Playbook).sections
    .map((s) => ({ id: s.id, title: s.title, items: record.sampling[s.id] ?? 0 }))
    .filter((s) => s.items > 0);
  return {
    candidateName: invitation.candidate.name,
    assessment: {
      title: record.title,
      timeLimitMinutes: allowedMinutes(record.timeLimitMinutes, invitation.extraTimePercent),
      sections,
      itemCount: record.itemCount,
    },
    serverTime: now.toISOString(),
    session: session ? await candidateSession(store, principal.tenantId, session) : null,
  };
}

/** Starts the invitation's one session, or returns it again (resume after a reload or a drop). */
export async function startSession(
  store: SessionStore,
  principal: CandidatePrincipal,
  ctx: EnvelopeContext,
  now = new Date(),
): Promise<{ created: boolean; session: Awaited<ReturnType<typeof candidateSession>> }> {
  const { tenantId } = principal;
  const invitation = await invitationOf(store, principal);
  if (invitation.sessionId) {
    const stored = await ownSession(store, principal, invitation.sessionId);
    const existing = await finishStalledSubmit(store, tenantId, stored, ctx, now);
    rememberSessionFacts(tenantId, existing);
    return { created: false, session: await candidateSession(store, tenantId, existing) };
  }
  if (Date.parse(invitation.expiresAt) <= now.getTime())
    throw sessionProblems.invitationExpired(invitation.expiresAt);
  const assessment = await store.getAssessment(tenantId, invitation.assessmentId);
  if (!assessment) throw problems.notFound('Assessment');
  const { record } = assessment;

  const id = newId('ses');
  const playbook = Playbook.parse(JSON.parse(assessment.document));
  // Seeded by the session: each candidate may draw different items, reproducibly.
  const form = drawForm(playbook, { sampling: record.sampling, seed: id });
  const deadline = deadlineFor(
    now,
    allowedMinutes(record.timeLimitMinutes, invitation.extraTimePercent),
  );
  const session: SessionRecord = {
    id,
    invitationId: invitation.id,
    assessmentId: record.id,
    status: 'in-progress',
    startedAt: now.toISOString(),
    deadline: deadline.toISOString(),
    closesAt: new Date(deadline.getTime() + graceMs()).toISOString(),
    playbook: record.playbook,
    form,
    submittedAt: null,
    reason: null,
    answered: null,
    ...(invitation.retainUntil ? { retainUntil: invitation.retainUntil } : {}),
  };
  const event = createEvent(
    sessionStarted,
    ctx,
    {
      sessionId: id,
      assessmentId: record.id,
      invitationId: invitation.id,
      startedAt: session.startedAt,
      playbook: record.playbook,
    },
    now,
  );
  try {
    await store.startSession(tenantId, session, { def: sessionStarted, detail: event });
  } catch (err) {
    // A second tab started at the same moment: both candidates see the winner's session.
    if (err instanceof ConflictError) return startSession(store, principal, ctx, now);
    throw err;
  }
  // The page autosaves right after the start: its first save then needs no read either.
  rememberSessionFacts(tenantId, session);
  return { created: true, session: await candidateSession(store, tenantId, session) };
}

export interface SubmitResult {
  sessionId: string;
  status: 'submitted';
  reason: SubmitReason;
  submittedAt: string;
  answered: number;
}

function submitResult(s: SessionRecord): SubmitResult {
  return {
    sessionId: s.id,
    status: 'submitted',
    reason: s.reason!,
    submittedAt: s.submittedAt!,
    answered: s.answered ?? 0,
  };
}

/** The candidate submits; after the deadline it counts as time expired. Idempotent. */
export async function submitSession(
  store: SessionStore,
  principal: CandidatePrincipal,
  sessionId: string,
  ctx: EnvelopeContext,
  now = new Date(),
): Promise<SubmitResult> {
  const session = await ownSession(store, principal, sessionId);
  const reason = now.getTime() > Date.parse(session.deadline) ? 'time-expired' : 'candidate';
  return finish(store, principal.tenantId, session, reason, ctx, now);
}

/**
 * The deadline's schedule fired: submits what was saved, unless the candidate already did (or
 * the invitation was revoked). Also finishes a submit that closed the gate and stopped there.
 * Redelivery changes nothing.
 */
export async function expireSession(
  store: SessionStore,
  tenantId: string,
  sessionId: string,
  ctx: EnvelopeContext,
  now = new Date(),
): Promise<SubmitResult | undefined> {
  const session = await store.getSession(tenantId, sessionId);
  if (!session || session.status !== 'in-progress' || session.erasedAt) return undefined;
  try {
    return await finish(store, tenantId, session, 'time-expired', ctx, now);
  } catch (err) {
    // Revoked or erased meanwhile: nothing to submit.
    if (err instanceof HttpProblem && err.status === 410) return undefined;
    throw err;
  }
}

/**
 * A candidate coming back (reload, reopened link) to a session whose submit closed the gate and
 * stopped there (a crash between its steps) would see it open yet have every save refused:
 * finish that submit first, with its recorded reason and time, and show the result.
 */
async function finishStalledSubmit(
  store: SessionStore,
  tenantId: string,
  session: SessionRecord,
  ctx: EnvelopeContext,
  now: Date,
): Promise<SessionRecord> {
  if (session.status !== 'in-progress') return session;
  const gate = await store.getGate(tenantId, session.id);
  if (gate?.status !== 'closing' || !gate.reason) return session;
  await finish(store, tenantId, session, gate.reason, ctx, now);
  return (await store.getSession(tenantId, session.id)) ?? session;
}

/**
 * Submits in three steps, so no acknowledged answer is ever missing from the snapshot:
 * (a) the gate goes `in-progress → closing` (from then on every save is refused, see
 * answer-writes.ts); (b) the answers are read, strongly consistent; (c) one transaction ends the
 * session (gate `closing → submitted`), the invitation, and queues `session.submitted` with the
 * answers. A submit that stopped between (a) and (c) is finished by the next submit or by the
 * deadline, with the reason and time recorded at (a).
 */
async function finish(
  store: SessionStore,
  tenantId: string,
  session: SessionRecord,
  reason: SubmitReason,
  ctx: EnvelopeContext,
  now: Date,
): Promise<SubmitResult> {
  if (session.status === 'submitted') return submitResult(session);
  let closing;
  try {
    closing = await store.closeGate(tenantId, session.id, {
      reason,
      closingAt: now.toISOString(),
    });
  } catch (err) {
    if (!(err instanceof SessionClosedError)) throw err;
    return endedMeanwhile(store, tenantId, session.id);
  }
  const answers = await store.listAnswers(tenantId, session.id);
  const signals = await store.listSignals(tenantId, session.id);
  const ended: SessionRecord = {
    ...session,
    status: 'submitted',
    submittedAt: closing.closingAt,
    reason: closing.reason,
    answered: answers.length,
  };
  const submission = {
    form: {
      seed: session.form.seed,
      sampling: session.form.sampling,
      itemIds: session.form.itemIds,
      playbook: session.form.playbook as unknown as Record<string, unknown>,
    },
    answers: Object.fromEntries(answers.map((a) => [a.itemId, a.answer])),
  };
  const base = {
    sessionId: session.id,
    assessmentId: session.assessmentId,
    invitationId: session.invitationId,
    reason: closing.reason,
    startedAt: session.startedAt,
    submittedAt: ended.submittedAt!,
    playbook: session.playbook,
    signals: summarise(signals),
    ...(session.retainUntil ? { retainUntil: session.retainUntil } : {}),
  };
  let data: EventData<typeof sessionSubmitted> = { ...base, ...submission };
  let event = createEvent(sessionSubmitted, ctx, data, now);
  const claims = [];
  if (needsClaimCheck(event)) {
    const claim = claimWrites(tenantId, JSON.stringify(submission));
    claims.push(...claim.writes);
    ended.submissionClaim = claim.ref;
    data = { ...base, submissionRef: claim.ref };
    event = createEvent(sessionSubmitted, ctx, data, now);
  }
  try {
    await store.submitSession(tenantId, ended, claims, { def: sessionSubmitted, detail: event });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    return endedMeanwhile(store, tenantId, session.id);
  }
  return submitResult(ended);
}

/** Ended meanwhile (a second submit, the deadline, a revocation): answer with what is stored. */
async function endedMeanwhile(
  store: SessionStore,
  tenantId: string,
  sessionId: string,
): Promise<SubmitResult> {
  const latest = await store.getSession(tenantId, sessionId);
  if (latest?.status === 'submitted') return submitResult(latest);
  throw sessionProblems.invitationRevoked();
}

function summarise(signals: Record<string, unknown>[]) {
  const pastes = signals.filter((s) => s.kind === 'paste');
  return {
    focusLost: signals.filter((s) => s.kind === 'focus-lost').length,
    pastes: pastes.length,
    pastedChars: pastes.reduce((sum, s) => sum + Number(s.chars ?? 0), 0),
  };
}
