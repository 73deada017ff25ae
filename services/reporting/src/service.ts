import { z } from 'zod';
import { allEvents } from '@assay/events';
import { defineService } from '@assay/platform/manifest';

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

export const reportingService = defineService({
  name: 'reporting',
  // byParent: audit entries by session, and report facts by assessment (cohort reports).
  table: {
    name: 'reporting',
    indexes: [{ name: 'byParent', partitionKey: 'gpk', sortKey: 'gsk' }],
    outbox: false,
  },
  handlers: { http: 'src/handlers/http.ts', events: 'src/handlers/events.ts' },
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
  ],
  publishes: [],
  // Every contract: each event lands in the audit chain (one rule per type, named by the type).
  subscribes: allEvents.map((event) => ({ event, handler: event.type })),
});
