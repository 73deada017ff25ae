import type { CandidatePrincipal } from '@assay/platform';
import {
  CandidateTokens,
  decodeCursor,
  dynamoClient,
  encodeCursor,
  httpHandler,
  TenantRegistry,
} from '@assay/platform';
import { getErasure, requestErasure } from '../domain/erasure';
import { retentionSetting, updateRetention } from '../domain/retention';
import { reviewerSession } from '../domain/review';
import { createAssessment } from '../domain/assessments';
import { createInvitation, revokeInvitation } from '../domain/invitations';
import { recordSignals, saveAnswer, syncSession } from '../domain/answer-writes';
import { startSession, submitSession, takeView } from '../domain/sessions';
import { problems } from '@assay/platform';
import { sessionService } from '../service';
import { SessionStore } from '../store';

const store = new SessionStore(dynamoClient());
const tokens = new CandidateTokens(dynamoClient());
const registry = new TenantRegistry(dynamoClient());

/** Where candidate links point: the candidate web app (the local stack serves it itself). */
const appUrl = (headers: Record<string, string | undefined>) =>
  process.env.ASSAY_CANDIDATE_APP_URL ?? `https://${headers.host ?? 'localhost'}`;

const candidate = (principal: unknown) => principal as CandidatePrincipal;

export const handler = httpHandler(sessionService, {
  createAssessment: async ({ tenantId, body }) => {
    const record = await createAssessment(store, tenantId, body);
    return { status: 201, body: record, headers: { location: `/v1/assessments/${record.id}` } };
  },
  listAssessments: async ({ tenantId, query }) => {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, tenantId);
    const page = await store.listAssessments(tenantId, query.limit, cursor);
    return {
      status: 200,
      body: { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null },
    };
  },
  getAssessment: async ({ tenantId, params }) => {
    const found = await store.getAssessment(tenantId, params.id);
    if (!found) throw problems.notFound(`Assessment ${params.id}`);
    return { status: 200, body: found.record };
  },
  createInvitation: async ({ tenantId, params, body, headers }) => {
    const created = await createInvitation(
      store,
      tokens,
      tenantId,
      params.id,
      body,
      appUrl(headers),
      new Date(),
      await registry.retentionMonths(tenantId),
    );
    return { status: 201, body: created, headers: { location: `/v1/invitations/${created.id}` } };
  },
  listInvitations: async ({ tenantId, params, query }) => {
    if (!(await store.getAssessment(tenantId, params.id)))
      throw problems.notFound(`Assessment ${params.id}`);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, tenantId);
    const page = await store.listInvitations(tenantId, params.id, query.limit, cursor);
    return {
      status: 200,
      body: { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null },
    };
  },
  revokeInvitation: async ({ tenantId, params }) => ({
    status: 200,
    body: await revokeInvitation(store, tenantId, params.id),
  }),
  getTake: async ({ principal, tenantId, correlationId }) => ({
    status: 200,
    body: await takeView(store, candidate(principal), { tenantId, correlationId }),
    headers: { 'cache-control': 'no-store' },
  }),
  startTake: async ({ principal, tenantId, correlationId }) => {
    const { created, session } = await startSession(store, candidate(principal), {
      tenantId,
      correlationId,
    });
    return { status: created ? 201 : 200, body: session };
  },
  saveAnswer: async ({ principal, params, body }) => ({
    status: 200,
    body: await saveAnswer(store, candidate(principal), params.id, params.itemId, body),
  }),
  syncSession: async ({ principal, params, body }) => ({
    status: 200,
    body: await syncSession(store, candidate(principal), params.id, body),
  }),
  recordSignals: async ({ principal, params, body }) => ({
    status: 202,
    body: await recordSignals(store, candidate(principal), params.id, body.signals),
  }),
  submitSession: async ({ principal, params, tenantId, correlationId }) => ({
    status: 200,
    body: await submitSession(store, candidate(principal), params.id, { tenantId, correlationId }),
  }),
  getSession: async ({ tenantId, params }) => ({
    status: 200,
    body: await reviewerSession(store, tenantId, params.id),
    headers: { 'cache-control': 'no-store' },
  }),
  eraseCandidate: async ({ tenantId, params, correlationId }) => {
    const { erasure } = await requestErasure(
      store,
      tenantId,
      params.candidate,
      { tenantId, correlationId },
      await registry.retentionMonths(tenantId),
    );
    return {
      status: 202,
      body: erasure,
      headers: { location: `/v1/erasures/${erasure.erasureId}` },
    };
  },
  getErasure: async ({ tenantId, params }) => ({
    status: 200,
    body: await getErasure(store, tenantId, params.id),
  }),
  getRetention: async ({ tenantId }) => ({
    status: 200,
    body: await retentionSetting(registry, tenantId),
  }),
  putRetention: async ({ tenantId, body }) => ({
    status: 200,
    body: await updateRetention(registry, tenantId, body.retentionMonths),
  }),
});
