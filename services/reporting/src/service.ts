import { z } from 'zod';
import { allEvents, candidateErasureConfirmed } from '@assay/events';
import { defineService } from '@assay/platform/manifest';
import { webhookTypes } from './webhooks/model';

const sessionId = z.string().regex(/^ses_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ses_… id');
const assessmentId = z.string().regex(/^asm_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an asm_… id');

const auditEntry = z.object({
  seq: z.number().int(),
  hash: z.string(),
  prevHash: z.string(),
  entry: z
    .record(z.string(), z.unknown())
    .describe('What was hashed: event id, type, envelope, session, detail hash, small data'),
});

const endpointId = z.string().regex(/^whe_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a whe_… id');
const deliveryId = z
  .string()
  .regex(/^whd_[0-9A-Za-z]{26}_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a whd_… id');
const endpoint = z.object({
  endpointId: z.string(),
  url: z.string(),
  types: z.array(z.enum(webhookTypes)),
  description: z.string().optional(),
  status: z.enum(['enabled', 'disabled']),
  disabledReason: z.string().optional().describe('The notice: why delivery stopped'),
  disabledAt: z.string().optional(),
  failingSince: z.string().optional(),
  createdAt: z.string(),
});
const secret = z.string().describe('`whsec_<base64>`: shown once, keep it safe');
const attempt = z.object({
  at: z.string(),
  status: z.number().int().describe('HTTP status; 0 when no response arrived'),
  latencyMs: z.number(),
  response: z.string().describe('First 1 KB of the response body, or the network error'),
  replay: z.boolean().optional(),
});
const delivery = z.object({
  deliveryId: z.string(),
  endpointId: z.string(),
  eventId: z.string().describe('The `webhook-id` header'),
  type: z.enum(webhookTypes),
  status: z.enum(['pending', 'succeeded', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().optional(),
  history: z.array(attempt),
  createdAt: z.string(),
});
const byEndpoint = z.object({ id: endpointId });

// Greenhouse's Assessment Partner API (docs/integrations.md): its field names, Basic auth.
const greenhouseAuth =
  'Greenhouse sends the Assay API key as the HTTP Basic user name (empty password)';
const invitationId = z.string().regex(/^inv_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an inv_… id');
const greenhouseStatus = z.object({
  partner_status: z.enum(['invited', 'in_progress', 'complete']),
  partner_profile_url: z.string().optional().describe('The report; present once complete'),
  partner_score: z.number().optional().describe('The scorecard total, 0–100'),
  metadata: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const reportingService = defineService({
  name: 'reporting',
  // byParent: audit entries by session, and report facts by assessment (cohort reports).
  table: {
    name: 'reporting',
    indexes: [{ name: 'byParent', partitionKey: 'gpk', sortKey: 'gsk' }],
    // Facts, demographics and webhook deliveries expire with the tenant's retention.
    ttlAttribute: 'ttl',
    // Only for erasure confirmations.
    outbox: true,
  },
  handlers: { http: 'src/handlers/http.ts', events: 'src/handlers/events.ts' },
  // Later webhook attempts: one-time schedules that invoke the events function.
  uses: { schedules: 'invoke-events-function' },
  routes: [
    {
      operationId: 'listAudit',
      method: 'GET',
      path: '/v1/audit',
      auth: { kind: 'tenant', scope: 'read' },
      summary: "A session's audit entries, oldest first, each with its chain hashes",
      query: z.object({ sessionId }),
      response: { status: 200, body: z.object({ items: z.array(auditEntry) }) },
    },
    {
      operationId: 'verifyAudit',
      method: 'GET',
      path: '/v1/audit/verify',
      auth: { kind: 'tenant', scope: 'read' },
      summary: "Walks the tenant's audit hash chain and reports the first broken entry",
      response: {
        status: 200,
        body: z.object({
          ok: z.boolean(),
          entries: z.number().int().describe('Entries verified before any break'),
          head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
          firstBroken: z.object({ seq: z.number(), reason: z.string() }).nullable(),
        }),
      },
    },
    {
      operationId: 'getSessionReport',
      method: 'GET',
      path: '/v1/reports/sessions/{id}',
      auth: { kind: 'tenant', scope: 'read' },
      summary:
        'The candidate report (JSON; a printable HTML page with `Accept: text/html`), built from events only',
      params: z.object({ id: sessionId }),
      response: { status: 200, body: z.record(z.string(), z.unknown()) },
    },
    {
      operationId: 'putDemographics',
      method: 'PUT',
      path: '/v1/reports/sessions/{id}/demographics',
      auth: { kind: 'tenant', scope: 'write' },
      summary:
        "A candidate's optional self-reported categories, kept apart from scoring and used only for adverse-impact analysis",
      params: z.object({ id: sessionId }),
      body: z.strictObject({
        categories: z
          .record(
            z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'lowercase dimension name'),
            z.string().trim().min(1).max(64),
          )
          .refine((c) => Object.keys(c).length <= 10, { message: 'at most 10 dimensions' }),
      }),
      response: { status: 200, body: z.object({ sessionId: z.string(), dimensions: z.number() }) },
    },
    {
      operationId: 'getCohortReport',
      method: 'GET',
      path: '/v1/reports/assessments/{id}',
      auth: { kind: 'tenant', scope: 'read' },
      summary:
        'Ranking, percentile ranks, histogram, section means and item analytics (CSV ranking with `Accept: text/csv`)',
      params: z.object({ id: assessmentId }),
      response: { status: 200, body: z.record(z.string(), z.unknown()) },
    },
    {
      operationId: 'getAdverseImpact',
      method: 'GET',
      path: '/v1/reports/assessments/{id}/adverse-impact',
      auth: { kind: 'tenant', scope: 'read' },
      summary:
        'Selection rate per self-reported category at a cut, impact ratio vs the highest group, four-fifths flag',
      params: z.object({ id: assessmentId }),
      query: z.object({
        dimension: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'lowercase dimension name'),
        cut: z.coerce.number().min(0).max(100).default(65).describe('Total at or above selects'),
      }),
      response: { status: 200, body: z.record(z.string(), z.unknown()) },
    },
    {
      operationId: 'createWebhookEndpoint',
      method: 'POST',
      path: '/v1/webhooks/endpoints',
      auth: { kind: 'tenant', scope: 'admin' },
      summary:
        'Registers an https endpoint for a list of event types; returns its signing secret once',
      body: z.strictObject({
        url: z.string().max(2048),
        types: z.array(z.enum(webhookTypes)).min(1),
        description: z.string().trim().max(200).optional(),
      }),
      response: { status: 201, body: endpoint.extend({ secret }) },
    },
    {
      operationId: 'listWebhookEndpoints',
      method: 'GET',
      path: '/v1/webhooks/endpoints',
      auth: { kind: 'tenant', scope: 'read' },
      summary: "The tenant's webhook endpoints (never their secrets)",
      response: { status: 200, body: z.object({ items: z.array(endpoint) }) },
    },
    {
      operationId: 'getWebhookEndpoint',
      method: 'GET',
      path: '/v1/webhooks/endpoints/{id}',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'One webhook endpoint, with why it was disabled if it was',
      params: byEndpoint,
      response: { status: 200, body: endpoint },
    },
    {
      operationId: 'deleteWebhookEndpoint',
      method: 'DELETE',
      path: '/v1/webhooks/endpoints/{id}',
      auth: { kind: 'tenant', scope: 'admin' },
      summary: 'Deletes an endpoint; its pending deliveries stop',
      params: byEndpoint,
      response: { status: 204 },
    },
    {
      operationId: 'rotateWebhookSecret',
      method: 'POST',
      path: '/v1/webhooks/endpoints/{id}/rotate-secret',
      auth: { kind: 'tenant', scope: 'admin' },
      summary: 'A new secret, returned once; the previous one keeps signing beside it for 24 h',
      params: byEndpoint,
      response: {
        status: 200,
        body: z.object({ secret, previousExpiresAt: z.string() }),
      },
    },
    {
      operationId: 'testWebhookEndpoint',
      method: 'POST',
      path: '/v1/webhooks/endpoints/{id}/test',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'Sends a signed `ping` now and returns the delivery with its first attempt',
      params: byEndpoint,
      response: { status: 200, body: delivery },
    },
    {
      operationId: 'listWebhookDeliveries',
      method: 'GET',
      path: '/v1/webhooks/deliveries',
      auth: { kind: 'tenant', scope: 'read' },
      summary:
        'Deliveries, newest first, each with every attempt (time, status, latency, response)',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(25),
        cursor: z.string().max(2048).optional(),
      }),
      response: {
        status: 200,
        body: z.object({ items: z.array(delivery), cursor: z.string().optional() }),
      },
    },
    {
      operationId: 'replayWebhookDelivery',
      method: 'POST',
      path: '/v1/webhooks/deliveries/{id}/replay',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'Sends a delivery again now (same `webhook-id`), dead-lettered ones included',
      params: z.object({ id: deliveryId }),
      response: { status: 200, body: delivery },
    },
    {
      operationId: 'greenhouseListTests',
      method: 'GET',
      path: '/v1/integrations/greenhouse/list_tests',
      auth: { kind: 'tenant', scope: 'read' },
      summary: `Greenhouse list_tests: the tenant's assessments as tests. ${greenhouseAuth}`,
      response: {
        status: 200,
        body: z.array(z.object({ partner_test_id: z.string(), partner_test_name: z.string() })),
      },
    },
    {
      operationId: 'greenhouseSendTest',
      method: 'POST',
      path: '/v1/integrations/greenhouse/send_test',
      auth: { kind: 'tenant', scope: 'write' },
      summary: `Greenhouse send_test: invites the candidate; idempotent per \`url\`. ${greenhouseAuth}`,
      body: z.object({
        partner_test_id: assessmentId,
        candidate: z.object({
          first_name: z.string().trim().min(1).max(100),
          last_name: z.string().trim().max(100).optional(),
          email: z.email().max(320),
          greenhouse_profile_url: z.string().max(2048).optional(),
        }),
        url: z.string().max(2048).describe('PATCHed when the session is scored'),
      }),
      response: { status: 200, body: z.object({ partner_interview_id: z.string() }) },
    },
    {
      operationId: 'greenhouseTestStatus',
      method: 'GET',
      path: '/v1/integrations/greenhouse/test_status',
      auth: { kind: 'tenant', scope: 'read' },
      summary: `Greenhouse test_status: progress, then score and report link. ${greenhouseAuth}`,
      query: z.object({ partner_interview_id: invitationId }),
      response: { status: 200, body: greenhouseStatus },
    },
    {
      operationId: 'greenhouseResponseError',
      method: 'POST',
      path: '/v1/integrations/greenhouse/response_error',
      auth: { kind: 'tenant', scope: 'read' },
      summary: `Greenhouse response_error: Greenhouse reports a response it could not use. ${greenhouseAuth}`,
      body: z.object({
        api_call: z.string().max(100),
        errors: z.array(z.string().max(1000)).max(50),
      }),
      response: { status: 200, body: z.object({ status: z.literal(200) }) },
    },
    {
      operationId: 'getGreenhouseInterview',
      method: 'GET',
      path: '/v1/integrations/greenhouse/interviews/{id}',
      auth: { kind: 'tenant', scope: 'write' },
      summary:
        "A test Greenhouse sent, with the candidate's link to hand on (Assay sends no email)",
      params: z.object({ id: invitationId }),
      response: {
        status: 200,
        body: z.object({
          partnerInterviewId: z.string(),
          status: z.enum(['invited', 'in_progress', 'complete']),
          candidateLink: z.string(),
        }),
      },
    },
  ],
  publishes: [candidateErasureConfirmed],
  // Every contract: each event lands in the audit chain (one rule per type, named by the type).
  subscribes: allEvents.map((event) => ({ event, handler: event.type })),
});
