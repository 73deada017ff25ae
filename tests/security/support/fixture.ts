import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamoClient, tableName, TenantRegistry, type RouteDefinition } from '@assay/platform';
import { serviceTables, services } from '@assay/manifests';
import type { LocalStack } from '@assay/local';
import { apiClient, type ApiResponse } from '../../support/api-client';
import { startTestStack } from '../../support/stack';

type Item = {
  id: string;
  type: string;
  options?: { id: string }[];
  response?: { kind: string; options?: { id: string }[] };
};

export interface RouteEntry {
  service: string;
  route: RouteDefinition;
  key: string;
}

/** Every route of every manifest: the one list the security suites iterate. */
export const allRoutes: RouteEntry[] = services.flatMap((s) =>
  s.routes.map((route) => ({ service: s.name, route, key: `${route.method} ${route.path}` })),
);

/**
 * Tenant A with one real resource of every kind (a published playbook, an assessment,
 * invitations, a submitted and scored session, an in-progress session, report facts), tenant B
 * with its own candidate, and the keys the matrix needs.
 */
export interface Fixture {
  stack: LocalStack;
  registry: TenantRegistry;
  a: { tenantId: string; admin: string; read: string; revoked: string };
  b: { tenantId: string; admin: string; candidateToken: string; sessionId: string };
  ids: {
    playbookId: string;
    version: string;
    assessmentId: string;
    /** [submitted, in-progress, never started] */
    invitationIds: [string, string, string];
    sessionIds: [string, string];
    tokens: [string, string, string];
    revokedToken: string;
    itemId: string;
    /** Present when the manifests have webhook routes. */
    webhookEndpointId?: string;
    webhookDeliveryId?: string;
    /** Present when the manifests have the candidate erasure route. */
    erasureId?: string;
    /** Present when the manifests have the Greenhouse partner routes. */
    greenhouseInterviewId?: string;
  };
  stop(): Promise<void>;
  /** Strings only tenant A's data contains: none may appear in another caller's answer. */
  secrets: string[];
}

export async function buildFixture(): Promise<Fixture> {
  const stack = await startTestStack();
  const registry = new TenantRegistry(dynamoClient());
  const tag = randomBytes(3).toString('hex');
  const tenantA = await registry.createTenant(`Alpha Secure Tenant ${tag}`);
  const tenantB = await registry.createTenant(`Beta Secure Tenant ${tag}`);
  const aAdmin = (await registry.createApiKey(tenantA.tenantId, ['admin'])).apiKey;
  const aRead = (await registry.createApiKey(tenantA.tenantId, ['read'])).apiKey;
  const revoked = await registry.createApiKey(tenantA.tenantId, ['admin']);
  await registry.revokeApiKey(revoked.record.keyId);
  const bAdmin = (await registry.createApiKey(tenantB.tenantId, ['admin'])).apiKey;

  const api = apiClient(stack.url, aAdmin);
  const must = <T>(r: ApiResponse<T>, status: number, what: string): T => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r.json;
  };

  const playbookId = `alpha-sec-${tag}`;
  const playbookTitle = `Alpha Secret Playbook ${tag}`;
  must(
    await api.post('/v1/playbooks', {
      cloneFrom: 'medical-billing-specialist',
      id: playbookId,
      title: playbookTitle,
    }),
    201,
    'clone playbook',
  );
  const published = must(
    await api.post<{ version: string }>(`/v1/playbooks/${playbookId}/publish`),
    201,
    'publish',
  );
  await stack.settle();
  const assessmentTitle = `Alpha Secret Assessment ${tag}`;
  const assessmentId = must(
    await api.post<{ id: string }>('/v1/assessments', {
      playbook: { id: playbookId },
      title: assessmentTitle,
    }),
    201,
    'assessment',
  ).id;
  const names = [1, 2, 3, 4].map((n) => `Alphacandidate ${n} Zed${tag}`);
  const emails = [1, 2, 3, 4].map((n) => `alpha.${n}.${tag}@example.com`);
  const invitations: { id: string; token: string }[] = [];
  for (let i = 0; i < 4; i++) {
    invitations.push(
      must(
        await api.post<{ id: string; token: string }>(
          `/v1/assessments/${assessmentId}/invitations`,
          { candidate: { name: names[i], email: emails[i], externalId: `ext-alpha-${tag}-${i}` } },
        ),
        201,
        'invitation',
      ),
    );
  }
  // The fourth invitation is revoked: its token must stop working.
  must(await api.request('DELETE', `/v1/invitations/${invitations[3]!.id}`), 200, 'revoke');

  const start = async (token: string) =>
    must(
      await apiClient(stack.url, token).post<{ id: string; form: { items: Item[] } }>(
        `/v1/take/${token}/start`,
      ),
      201,
      'start',
    );
  const s1 = await start(invitations[0]!.token);
  const s2 = await start(invitations[1]!.token);
  const c1 = apiClient(stack.url, invitations[0]!.token);
  let seq = 0;
  for (const item of s1.form.items) {
    must(
      await c1.request('PUT', `/v1/sessions/${s1.id}/answers/${item.id}`, {
        seq: ++seq,
        answer: answerFor(item),
      }),
      200,
      'answer',
    );
  }
  const c2 = apiClient(stack.url, invitations[1]!.token);
  const firstItem = s2.form.items[0]!;
  must(
    await c2.request('PUT', `/v1/sessions/${s2.id}/answers/${firstItem.id}`, {
      seq: 1,
      answer: answerFor(firstItem),
    }),
    200,
    'answer 2',
  );
  must(await c1.post(`/v1/sessions/${s1.id}/submit`), 200, 'submit');
  for (let i = 0; i < 60; i++) {
    await stack.settle();
    if ((await api.get(`/v1/sessions/${s1.id}/scorecard`)).status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  must(await api.get(`/v1/sessions/${s1.id}/scorecard`), 200, 'scorecard');
  must(
    await api.request('PUT', `/v1/reports/sessions/${s1.id}/demographics`, {
      categories: { group: `alpha-group-${tag}` },
    }),
    200,
    'demographics',
  );
  await stack.settle();

  // An erasure of tenant A (when the route exists), of a candidate invited only for it.
  let erasureId: string | undefined;
  if (allRoutes.some((e) => e.route.path === '/v1/candidates/{candidate}')) {
    const email = `alpha.erased.${tag}@example.com`;
    must(
      await api.post(`/v1/assessments/${assessmentId}/invitations`, {
        candidate: { name: `Alphaerased Zed${tag}`, email },
      }),
      201,
      'invitation to erase',
    );
    erasureId = must(
      await api.request<{ erasureId: string }>('DELETE', `/v1/candidates/${email}`),
      202,
      'erasure',
    ).erasureId;
    await stack.settle();
  }

  // A Greenhouse partner interview of tenant A (when the connector's routes exist).
  let greenhouseInterviewId: string | undefined;
  if (allRoutes.some((e) => e.route.path === '/v1/integrations/greenhouse/send_test')) {
    const basic = `Basic ${Buffer.from(`${aAdmin}:`).toString('base64')}`;
    greenhouseInterviewId = must(
      await apiClient(stack.url).post<{ partner_interview_id: string }>(
        '/v1/integrations/greenhouse/send_test',
        {
          partner_test_id: assessmentId,
          candidate: { first_name: `Alphagh${tag}`, email: `alpha.gh.${tag}@example.com` },
          url: `http://127.0.0.1:9/greenhouse-${tag}`,
        },
        { headers: { authorization: basic } },
      ),
      200,
      'greenhouse send_test',
    ).partner_interview_id;
  }

  // Tenant B: its own assessment of a library playbook and one started candidate session.
  const bApi = apiClient(stack.url, bAdmin);
  const bAssessment = must(
    await bApi.post<{ id: string }>('/v1/assessments', {
      playbook: { id: 'medical-billing-specialist' },
    }),
    201,
    'B assessment',
  ).id;
  const bInvitation = must(
    await bApi.post<{ token: string }>(`/v1/assessments/${bAssessment}/invitations`, {
      candidate: { name: 'Beta Person', email: 'beta@example.com' },
    }),
    201,
    'B invitation',
  );
  const bSession = await start(bInvitation.token);

  // Webhooks (when a manifest declares them): an endpoint on a loopback receiver and a delivery.
  const receiver: Server = createServer((_req, res) => res.writeHead(204).end());
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alpha-hook-${tag}`;
  let webhookEndpointId: string | undefined;
  let webhookDeliveryId: string | undefined;
  const createHook = allRoutes.find(
    (e) => e.route.method === 'POST' && e.route.path === '/v1/webhooks/endpoints',
  );
  if (createHook) {
    webhookEndpointId = must(
      await api.post<{ endpointId: string }>('/v1/webhooks/endpoints', {
        url: hookUrl,
        types: ['ping', 'score.computed'],
        description: `Alpha hook ${tag}`,
      }),
      201,
      'webhook endpoint',
    ).endpointId;
    webhookDeliveryId = must(
      await api.post<{ deliveryId: string }>(`/v1/webhooks/endpoints/${webhookEndpointId}/test`),
      200,
      'webhook test',
    ).deliveryId;
  }

  return {
    stack,
    registry,
    a: { tenantId: tenantA.tenantId, admin: aAdmin, read: aRead, revoked: revoked.apiKey },
    b: {
      tenantId: tenantB.tenantId,
      admin: bAdmin,
      candidateToken: bInvitation.token,
      sessionId: bSession.id,
    },
    ids: {
      playbookId,
      version: published.version,
      assessmentId,
      invitationIds: [invitations[0]!.id, invitations[1]!.id, invitations[2]!.id],
      sessionIds: [s1.id, s2.id],
      tokens: [invitations[0]!.token, invitations[1]!.token, invitations[2]!.token],
      revokedToken: invitations[3]!.token,
      itemId: firstItem.id,
      webhookEndpointId,
      webhookDeliveryId,
      erasureId,
      greenhouseInterviewId,
    },
    stop: async () => {
      await stack.stop();
      await new Promise((r) => receiver.close(r));
    },
    secrets: [
      ...(webhookEndpointId
        ? [webhookEndpointId, webhookDeliveryId!, hookUrl, `Alpha hook ${tag}`]
        : []),
      ...(erasureId ? [erasureId] : []),
      ...(greenhouseInterviewId ? [greenhouseInterviewId] : []),
      tenantA.tenantId,
      playbookId,
      playbookTitle,
      assessmentId,
      assessmentTitle,
      s1.id,
      s2.id,
      `alpha-group-${tag}`,
      `ext-alpha-${tag}`,
      ...invitations.map((i) => i.id),
      ...invitations.map((i) => i.token),
      ...names,
      ...emails,
    ],
  };
}

function answerFor(item: Item): unknown {
  if (item.type === 'sjt') return { best: item.options![0]!.id, worst: item.options![1]!.id };
  if (item.type === 'detail') {
    return item.response?.options ? { choice: item.response.options[0]!.id } : { value: '350' };
  }
  return {
    text: 'Dear Ms. Smith, I reviewed your bill and the amount was applied to your deductible. Kind regards',
  };
}

/**
 * Fills a route's path parameters with tenant A's real ids: for each parameter, the first of
 * A's values that the route's own params schema accepts. Undefined when none fits (a new kind of
 * resource the fixture does not create yet — the coverage test then fails).
 */
export function pathFor(
  route: RouteDefinition,
  fx: Fixture,
  overrides: Record<string, string> = {},
): { path: string; params: Record<string, string> } | undefined {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pool = [
    fx.ids.sessionIds[0],
    fx.ids.assessmentId,
    fx.ids.invitationIds[2],
    fx.ids.playbookId,
    ...(fx.ids.webhookEndpointId ? [fx.ids.webhookEndpointId, fx.ids.webhookDeliveryId!] : []),
    ...(fx.ids.erasureId ? [fx.ids.erasureId] : []),
  ];
  const byName: Record<string, string[]> = {
    id: pool,
    version: [fx.ids.version],
    playbookId: [fx.ids.playbookId],
    itemId: [fx.ids.itemId],
    token: [fx.ids.tokens[0]],
    sessionId: [fx.ids.sessionIds[0]],
    assessmentId: [fx.ids.assessmentId],
  };
  const params: Record<string, string> = {};
  for (const name of names) {
    if (overrides[name] !== undefined) {
      params[name] = overrides[name];
      continue;
    }
    const candidates = [...(byName[name] ?? []), ...pool];
    const fit = candidates.find((value) => {
      const shape = route.params?.shape as
        Record<string, { safeParse(v: unknown): { success: boolean } }> | undefined;
      return shape?.[name] ? shape[name].safeParse(value).success : true;
    });
    if (fit === undefined) return undefined;
    params[name] = fit;
  }
  const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(params[n]!));
  return { path, params };
}

/** A query string the route's query schema accepts, built from A's ids and plain values. */
export function queryFor(route: RouteDefinition, fx: Fixture): string | undefined {
  if (!route.query) return '';
  const shape = route.query.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean } }
  >;
  const pool = [
    fx.ids.sessionIds[0],
    fx.ids.assessmentId,
    fx.ids.version,
    'group',
    fx.ids.playbookId,
    ...(fx.ids.greenhouseInterviewId ? [fx.ids.greenhouseInterviewId] : []),
    '10',
  ];
  const query = new URLSearchParams();
  for (const [name, schema] of Object.entries(shape)) {
    if (schema.safeParse(undefined).success) continue;
    const fit = pool.find((v) => schema.safeParse(v).success);
    if (fit === undefined) return undefined;
    query.set(name, fit);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * Every item a tenant owns in the service tables (all, or the named services'), extra tables
 * included, as one comparable string. A service writes only its own tables (other services hear
 * of it through its outbox).
 */
export async function tenantState(tenantId: string, only?: string): Promise<string> {
  const rows: string[] = [];
  for (const s of services.filter((x) => only === undefined || x.name === only)) {
    for (const def of serviceTables(s)) {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await dynamoClient().send(
          new ScanCommand({
            TableName: tableName(def),
            ExclusiveStartKey: start as never,
            ConsistentRead: true,
          }),
        );
        for (const raw of out.Items ?? []) {
          const item = unmarshall(raw);
          if (String(item.pk).startsWith(`T#${tenantId}#`))
            rows.push(`${def.name} ${stable(item)}`);
        }
        start = out.LastEvaluatedKey as Record<string, unknown> | undefined;
      } while (start);
    }
  }
  return rows.sort().join('\n');
}

function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Set) return stable([...value].sort());
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
}

/** The strings of `secrets` that appear in `text` but not in what the caller sent. */
export function leaked(text: string, secrets: string[], sent: string): string[] {
  return secrets.filter((s) => text.includes(s) && !sent.includes(s));
}
