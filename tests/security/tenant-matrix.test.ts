import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeAllows } from '@assay/platform';
import { apiClient, type ApiResponse } from '../support/api-client';
import { validSample } from './support/arbitraries';
import {
  allRoutes,
  buildFixture,
  leaked,
  pathFor,
  queryFor,
  tenantState,
  type Fixture,
  type RouteEntry,
} from './support/fixture';

// The route × caller matrix, generated from the manifests: every route of every service is
// called with tenant A's real ids by every kind of caller that must not get A's data. A route
// added to a manifest joins the matrix by itself; one the fixture cannot address fails it.

let fx: Fixture;
let stateBefore: string;
const covered = new Map<string, number>();
const outcomes: string[] = [];
const previousLimit = process.env.ASSAY_RATE_LIMIT_RPS;

beforeAll(async () => {
  // The rate limit has its own suite; here hundreds of calls in a burst must not meet it.
  process.env.ASSAY_RATE_LIMIT_RPS = 'off';
  fx = await buildFixture();
  stateBefore = await tenantState(fx.a.tenantId);
}, 120_000);

afterAll(async () => {
  await fx?.stop();
  if (previousLimit === undefined) delete process.env.ASSAY_RATE_LIMIT_RPS;
  else process.env.ASSAY_RATE_LIMIT_RPS = previousLimit;
  const total = [...covered.values()].reduce((a, b) => a + b, 0);
  console.log(
    `security matrix: ${allRoutes.length} routes × callers = ${total} cases, ${covered.size} routes covered`,
  );
});

const BOGUS_KEY = `ak_local_0000000000000000_${'A'.repeat(43)}`;
const BOGUS_TOKEN = `ct_${'A'.repeat(43)}`;

interface Call {
  label: string;
  credential?: string;
  path: string;
  body?: unknown;
}

async function send(entry: RouteEntry, call: Call): Promise<ApiResponse> {
  const client = apiClient(fx.stack.url, call.credential);
  const res = await client.request(entry.route.method, call.path, call.body);
  covered.set(entry.key, (covered.get(entry.key) ?? 0) + 1);
  outcomes.push(`${entry.key} ${call.label} ${res.status}`);
  return res;
}

function expectProblem(res: ApiResponse, status: number, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBe(status);
  expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
}

function expectNoLeak(res: ApiResponse, call: Call, what: string) {
  const sent = `${call.path} ${JSON.stringify(call.body ?? null)}`;
  expect(leaked(res.text, fx.secrets, sent), `${what} leaked tenant A data`).toEqual([]);
}

function bodyFor(entry: RouteEntry, seed: number): unknown {
  if (!entry.route.body) return undefined;
  const body = validSample(entry.route.body, seed);
  expect(body, `${entry.key}: no valid body could be drawn from its schema`).not.toBeUndefined();
  return body;
}

describe('route × tenant matrix (from the manifests)', () => {
  it.each(allRoutes.map((e) => [e.key, e] as const))('%s', async (_, entry) => {
    const { route } = entry;
    if (route.auth.kind === 'public') {
      const call = { label: 'public', path: route.path };
      const res = await send(entry, call);
      expect(res.status, res.text).toBeLessThan(400);
      expectNoLeak(res, call, `${entry.key} public`);
      return;
    }
    const addressed = pathFor(route, fx);
    const query = queryFor(route, fx);
    expect(addressed, `${entry.key}: the fixture has no resource for its path`).toBeDefined();
    expect(query, `${entry.key}: the fixture cannot fill its query`).toBeDefined();
    const path = `${addressed!.path}${query!}`;
    const idAddressed = Object.keys(addressed!.params).length > 0;
    const body = bodyFor(entry, route.path.length);

    if (route.auth.kind === 'tenant') {
      const scope = route.auth.scope;
      // (a) another tenant's valid admin key.
      const b: Call = { label: 'tenant B', credential: fx.b.admin, path, body };
      const asB = await send(entry, b);
      expect(asB.status, `${entry.key} as B: ${asB.text.slice(0, 300)}`).toBeLessThan(500);
      if (idAddressed) {
        // A list addressed by a tenant-chosen name (a playbook slug) may answer B with its own,
        // empty list; anything else addressed by A's id is 404.
        const emptyList =
          route.method === 'GET' &&
          asB.status === 200 &&
          Array.isArray(asB.json.items) &&
          asB.json.items.length === 0;
        if (!emptyList) expectProblem(asB, 404, `${entry.key} as B`);
      }
      expectNoLeak(asB, b, `${entry.key} as B`);
      // (b) a revoked key of tenant A, (c) no key, a well-formed unknown key.
      for (const [label, credential] of [
        ['revoked key', fx.a.revoked],
        ['no key', undefined],
        ['unknown key', BOGUS_KEY],
        // (d) a candidate token is never a tenant credential.
        ['candidate token', fx.ids.tokens[0]],
      ] as const) {
        const call: Call = { label, credential, path, body };
        const res = await send(entry, call);
        expectProblem(res, 401, `${entry.key} with ${label}`);
        expectNoLeak(res, call, `${entry.key} with ${label}`);
      }
      // (f) a read-scope key of tenant A on a route that needs more.
      const read = await send(entry, { label: 'read key', credential: fx.a.read, path, body });
      if (!scopeAllows(['read'], scope)) expectProblem(read, 403, `${entry.key} with a read key`);
      else if (route.method === 'GET') {
        // Tenant A's own reads succeed: the ids are real, so B's 404s above mean something.
        expect(read.status, `${entry.key} with A's read key: ${read.text.slice(0, 300)}`).toBe(200);
      } else expect(read.status, `${entry.key} with a read key`).not.toBeOneOf([401, 403]);
      return;
    }

    // Candidate routes: the token is in the path ({token}) or the bearer (session routes).
    const inPath = 'token' in addressed!.params;
    const withToken = (token: string, overrides: Record<string, string> = {}): Call => {
      const p = pathFor(route, fx, inPath ? { token, ...overrides } : overrides)!;
      return {
        label: '',
        credential: inPath ? undefined : token,
        path: `${p.path}${query!}`,
        body,
      };
    };
    // A withdrawn invitation's link answers 410 on the take pages (the session service says why);
    // it opens nothing either way.
    const revoked = { ...withToken(fx.ids.revokedToken), label: 'revoked token' };
    const gone = await send(entry, revoked);
    expect(gone.status, `${entry.key} with a revoked token: ${gone.text}`).toBeOneOf(
      inPath ? [401, 410] : [401, 404],
    );
    expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expectNoLeak(gone, revoked, `${entry.key} with a revoked token`);
    for (const [label, token] of [
      ['no token', inPath ? BOGUS_TOKEN : undefined],
      ['tenant A admin key', fx.a.admin],
      ['tenant B admin key', fx.b.admin],
    ] as const) {
      const call = { ...withToken(token ?? ''), label };
      if (!inPath && token === undefined) delete call.credential;
      const res = await send(entry, call);
      expectProblem(res, 401, `${entry.key} with ${label}`);
      expectNoLeak(res, call, `${entry.key} with ${label}`);
    }
    if ('id' in addressed!.params) {
      // (e) session 1's token on session 2's routes, and tenant B's candidate on A's session.
      const other = {
        ...withToken(fx.ids.tokens[0], { id: fx.ids.sessionIds[1] }),
        label: 'token of session 1 on session 2',
      };
      expectProblem(await send(entry, other), 404, `${entry.key} ${other.label}`);
      const cross = { ...withToken(fx.b.candidateToken), label: 'tenant B candidate' };
      const res = await send(entry, cross);
      expectProblem(res, 404, `${entry.key} ${cross.label}`);
      expectNoLeak(res, cross, `${entry.key} ${cross.label}`);
    }
  });

  it('covers every route of every manifest', () => {
    const missing = allRoutes.filter((e) => !covered.has(e.key)).map((e) => e.key);
    expect(missing).toEqual([]);
    expect(covered.size).toBe(allRoutes.length);
  });

  it("left tenant A's resources as they were", async () => {
    await fx.stack.settle();
    expect(await tenantState(fx.a.tenantId)).toBe(stateBefore);
    const api = apiClient(fx.stack.url, fx.a.admin);
    const invitations = await api.get<{ items: { id: string; status: string }[] }>(
      `/v1/assessments/${fx.ids.assessmentId}/invitations`,
    );
    const status = Object.fromEntries(invitations.json.items.map((i) => [i.id, i.status]));
    expect(status[fx.ids.invitationIds[2]]).toBe('invited');
    expect(status[fx.ids.invitationIds[1]]).toBe('started');
    const take = await apiClient(fx.stack.url).get<{ session: { status: string } }>(
      `/v1/take/${fx.ids.tokens[1]}`,
    );
    expect(take.json.session.status).toBe('in-progress');
  });
});
