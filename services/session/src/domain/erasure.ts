import {
  candidateErasureConfirmed,
  candidateErasureRequested,
  createEvent,
  ERASURE_SERVICES,
  type EnvelopeContext,
  type EventDetail,
} from '@assay/events';
import { HttpProblem, problems, retentionEnd } from '@assay/platform';
import type { ErasureRecord, InvitationRecord, SessionRecord, SessionStore } from '../store';
import { ConflictError } from '../store';
import { invitationKeys, requestKeys } from './candidate-keys';
import { newId } from './ids';

/** TransactWriteItems takes 100 items; an erasure stays well inside one transaction. */
const MAX_INVITATIONS_PER_ERASURE = 25;
const PLAN_ATTEMPTS = 5;

export interface ErasureView {
  erasureId: string;
  status: 'pending' | 'complete';
  requestedAt: string;
  completedAt: string | null;
  invitationIds: string[];
  sessionIds: string[];
  services: {
    service: string;
    status: 'pending' | 'complete';
    erasedAt: string | null;
    counts: Record<string, number>;
  }[];
}

export function erasureView(record: ErasureRecord): ErasureView {
  return {
    erasureId: record.erasureId,
    status: record.status,
    requestedAt: record.requestedAt,
    completedAt: record.completedAt ?? null,
    invitationIds: record.invitationIds,
    sessionIds: record.sessionIds,
    services: ERASURE_SERVICES.map((service) => {
      const c = record.services[service];
      return {
        service,
        status: c?.status ?? 'pending',
        erasedAt: c?.erasedAt ?? null,
        counts: c?.counts ?? {},
      };
    }),
  };
}

/**
 * `DELETE /v1/candidates/{candidate}`: finds the tenant's invitations of that email or external
 * id, blanks the candidate on them and marks their sessions erased in one transaction with the
 * `candidate.erasure-requested` event every holding service acts on. A repeat after the
 * candidate is gone answers with the erasure it went to; nothing ever matched is 404.
 */
export async function requestErasure(
  store: SessionStore,
  tenantId: string,
  candidate: string,
  ctx: EnvelopeContext,
  retentionMonths: number,
  now = new Date(),
): Promise<{ created: boolean; erasure: ErasureView }> {
  const keys = requestKeys(candidate);
  for (let attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
    const invitationIds = await store.invitationIdsByKeys(tenantId, keys);
    if (invitationIds.length === 0) {
      const previous = await store.erasureIdByKeys(tenantId, keys);
      const record = previous && (await store.getErasure(tenantId, previous));
      // The detail never repeats the email or external id asked for.
      if (!record) throw problems.notFound('Candidate');
      return { created: false, erasure: erasureView(record) };
    }
    if (invitationIds.length > MAX_INVITATIONS_PER_ERASURE)
      throw new HttpProblem(
        422,
        'too-many-invitations',
        'Too many invitations',
        `This candidate has ${invitationIds.length} invitations; one erasure covers at most ${MAX_INVITATIONS_PER_ERASURE}: repeat the request until it answers with the same erasure`,
      );
    const invitations = (
      await Promise.all(invitationIds.map((id) => store.getInvitation(tenantId, id)))
    ).filter((i): i is InvitationRecord => i !== undefined && !i.erasedAt);
    const sessions = (
      await Promise.all(
        invitations.flatMap((i) => (i.sessionId ? [store.getSession(tenantId, i.sessionId)] : [])),
      )
    ).filter((s): s is SessionRecord => s !== undefined);
    // Every key the erased invitations answer to remembers this erasure, so asking again by
    // the email or by an external id finds it rather than a 404.
    const erasedKeys = [...new Set(invitations.flatMap((i) => invitationKeys(i.candidate)))];

    const record: ErasureRecord = {
      erasureId: newId('era'),
      status: 'pending',
      requestedAt: now.toISOString(),
      completedAt: null,
      invitationIds: invitations.map((i) => i.id),
      sessionIds: sessions.map((s) => s.id),
      services: {},
    };
    const event = createEvent(
      candidateErasureRequested,
      ctx,
      {
        erasureId: record.erasureId,
        invitationIds: record.invitationIds,
        sessionIds: record.sessionIds,
        requestedAt: record.requestedAt,
      },
      now,
    );
    try {
      await store.recordErasure(
        tenantId,
        {
          record,
          candidateKeys: erasedKeys,
          invitations,
          sessions,
          retainUntil: retentionEnd(now, retentionMonths).toISOString(),
        },
        { def: candidateErasureRequested, detail: event },
      );
      return { created: true, erasure: erasureView(record) };
    } catch (err) {
      // A candidate started or submitted meanwhile, or a concurrent erasure won: plan again.
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  throw problems.conflict('The candidate kept changing while being erased; try again');
}

export async function getErasure(store: SessionStore, tenantId: string, erasureId: string) {
  const record = await store.getErasure(tenantId, erasureId);
  if (!record) throw problems.notFound(`Erasure ${erasureId}`);
  return erasureView(record);
}

/**
 * The session service's own part, run on the request event (so a retry finishes it): answers,
 * signal batches, the submission claim and outbox residue of the erased sessions go; the
 * shells (ids, status, times) stay so counts still add up. Then it confirms like any service.
 */
export async function eraseSessionData(
  store: SessionStore,
  detail: EventDetail<typeof candidateErasureRequested>,
  deleteClaim: (
    tenantId: string,
    ref: NonNullable<SessionRecord['submissionClaim']>,
  ) => Promise<number>,
  now = new Date(),
): Promise<void> {
  const { tenantId } = detail;
  const counts = { answers: 0, signals: 0, claims: 0, outbox: 0 };
  for (const sessionId of detail.data.sessionIds) {
    const removed = await store.deleteSessionData(tenantId, sessionId);
    counts.answers += removed.answers;
    counts.signals += removed.signals;
    const session = await store.getSession(tenantId, sessionId);
    if (session?.submissionClaim)
      counts.claims += await deleteClaim(tenantId, session.submissionClaim);
  }
  counts.outbox = await store.deleteOutboxMentioning(tenantId, [
    ...detail.data.sessionIds,
    ...detail.data.invitationIds,
  ]);
  await store.publish({
    def: candidateErasureConfirmed,
    detail: createEvent(
      candidateErasureConfirmed,
      { tenantId, correlationId: detail.correlationId, causationId: detail.eventId },
      {
        erasureId: detail.data.erasureId,
        service: 'session',
        erasedAt: now.toISOString(),
        counts,
      },
      now,
    ),
  });
}

/** Records a service's confirmation on the erasure (idempotent); complete once all confirmed. */
export async function recordConfirmation(
  store: SessionStore,
  detail: EventDetail<typeof candidateErasureConfirmed>,
): Promise<ErasureRecord | undefined> {
  const { erasureId, service, erasedAt, counts } = detail.data;
  return store.confirmErasure(
    detail.tenantId,
    erasureId,
    service,
    { status: 'complete', erasedAt, counts },
    ERASURE_SERVICES,
    detail.occurredAt,
  );
}
