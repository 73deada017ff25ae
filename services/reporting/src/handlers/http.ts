import { dynamoClient, httpHandler, presentedApiKey, problems } from '@assay/platform';
import { sessionAudit, verifyAudit } from '../domain/audit-log';
import { adverseImpactReport, cohortCsv, cohortMembers, cohortReport } from '../domain/cohort';
import { reportHtml } from '../domain/report-html';
import { sessionReport } from '../domain/session-report';
import { reportingService } from '../service';
import { ReportingStore } from '../store';
import { publicDelivery, publicEndpoint } from '../webhooks/model';
import { webhooks } from '../webhooks/runtime';
import { greenhouse } from '../ats/greenhouse/runtime';

const store = new ReportingStore(dynamoClient());

/** True when the client prefers `type` to JSON (a plain `Accept` header check is enough here). */
function wants(accept: string | undefined, type: string): boolean {
  return (accept ?? '').split(',').some((part) => part.trim().split(';')[0] === type);
}

async function membersOf(tenantId: string, assessmentId: string) {
  const facts = await store.assessmentFacts(tenantId, assessmentId);
  if (facts.length === 0) throw problems.notFound(`Reports of assessment ${assessmentId}`);
  return cohortMembers(facts);
}

export const handler = httpHandler(reportingService, {
  listAudit: async ({ tenantId, query }) => ({
    status: 200,
    body: { items: await sessionAudit(store, tenantId, query.sessionId) },
  }),
  verifyAudit: async ({ tenantId }) => ({ status: 200, body: await verifyAudit(store, tenantId) }),
  getSessionReport: async ({ tenantId, params, headers }) => {
    const report = sessionReport(params.id, await store.sessionFacts(tenantId, params.id));
    if (!report) throw problems.notFound(`The report of session ${params.id}`);
    if (wants(headers.accept, 'text/html')) {
      return {
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        },
        body: reportHtml(report),
      };
    }
    return { status: 200, body: report };
  },
  putDemographics: async ({ tenantId, params, body }) => {
    // Only sessions this tenant's events told reporting about; anything else is not found.
    const facts = await store.sessionFacts(tenantId, params.id);
    if (facts.length === 0) throw problems.notFound(`Session ${params.id}`);
    // An erased candidate's categories are not taken again.
    if (facts.some((f) => f.erasedAt)) throw problems.notFound(`Session ${params.id}`);
    await store.putDemographics(
      tenantId,
      params.id,
      body.categories,
      new Date().toISOString(),
      facts.find((f) => f.retainUntil)?.retainUntil,
    );
    return {
      status: 200,
      body: { sessionId: params.id, dimensions: Object.keys(body.categories).length },
    };
  },
  getCohortReport: async ({ tenantId, params, headers }) => {
    const report = cohortReport(await membersOf(tenantId, params.id));
    if (wants(headers.accept, 'text/csv')) {
      return {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${params.id}.csv"`,
        },
        body: cohortCsv(report),
      };
    }
    return { status: 200, body: { assessmentId: params.id, ...report } };
  },
  getAdverseImpact: async ({ tenantId, params, query }) => {
    const members = await membersOf(tenantId, params.id);
    const demographics = await store.demographics(tenantId);
    return {
      status: 200,
      body: {
        assessmentId: params.id,
        ...adverseImpactReport(members, demographics, query.dimension, query.cut),
      },
    };
  },
  createWebhookEndpoint: async ({ tenantId, body }) => {
    const { endpoint, secret } = await webhooks().createEndpoint(tenantId, body);
    return { status: 201, body: { ...publicEndpoint(endpoint), secret } };
  },
  listWebhookEndpoints: async ({ tenantId }) => ({
    status: 200,
    body: { items: (await webhooks().endpoints(tenantId)).map(publicEndpoint) },
  }),
  getWebhookEndpoint: async ({ tenantId, params }) => ({
    status: 200,
    body: publicEndpoint(await webhooks().endpoint(tenantId, params.id)),
  }),
  deleteWebhookEndpoint: async ({ tenantId, params }) => {
    await webhooks().deleteEndpoint(tenantId, params.id);
    return { status: 204 };
  },
  rotateWebhookSecret: async ({ tenantId, params }) => ({
    status: 200,
    body: await webhooks().rotateSecret(tenantId, params.id),
  }),
  testWebhookEndpoint: async ({ tenantId, params }) => ({
    status: 200,
    body: publicDelivery(await webhooks().ping(tenantId, params.id)),
  }),
  listWebhookDeliveries: async ({ tenantId, query }) => {
    const page = await webhooks().deliveries(tenantId, query.limit, query.cursor);
    return { status: 200, body: { ...page, items: page.items.map(publicDelivery) } };
  },
  replayWebhookDelivery: async ({ tenantId, params }) => ({
    status: 200,
    body: publicDelivery(await webhooks().replay(tenantId, params.id)),
  }),
  // The connector acts through Assay's own API with the key Greenhouse presented (already
  // authenticated and scoped by the platform), so it sees exactly what that key may see.
  greenhouseListTests: async ({ headers }) => ({
    status: 200,
    body: await greenhouse().listTests(presentedApiKey(headers.authorization)!),
  }),
  greenhouseSendTest: async ({ tenantId, headers, body }) => ({
    status: 200,
    body: await greenhouse().sendTest(tenantId, presentedApiKey(headers.authorization)!, body),
  }),
  greenhouseTestStatus: async ({ tenantId, query }) => ({
    status: 200,
    body: await greenhouse().testStatus(tenantId, query.partner_interview_id),
  }),
  greenhouseResponseError: async ({ tenantId, body, logger }) => {
    // Field names and error texts only: never candidate data Greenhouse might echo.
    logger.warn('greenhouse reported an unusable response', {
      tenantId,
      apiCall: body.api_call,
      errors: body.errors.length,
    });
    return { status: 200, body: { status: 200 as const } };
  },
  getGreenhouseInterview: async ({ tenantId, params }) => ({
    status: 200,
    body: await greenhouse().candidateLink(tenantId, params.id),
  }),
});
