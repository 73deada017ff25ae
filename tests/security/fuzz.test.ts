import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiResponse } from '../support/api-client';
import {
  fromSchema,
  hostileValue,
  jsonSchemaOf,
  rawBodies,
  splice,
  type RawBody,
} from './support/arbitraries';
import {
  allRoutes,
  buildFixture,
  pathFor,
  queryFor,
  tenantState,
  type Fixture,
  type RouteEntry,
} from './support/fixture';

// Property-based fuzzing of every request body and query string the manifests declare, against
// the running local stack over HTTP. Every answer is 2xx or a 4xx problem+json (422s name the
// failing fields), never a 5xx; and a write that was refused changed nothing of the tenant's.

const RUNS = Number(process.env.ASSAY_FUZZ_RUNS ?? 30);
const MAX_BODY = 256 * 1024;
const targets = allRoutes.filter(
  (e) => e.route.auth.kind !== 'public' && (e.route.body ?? e.route.query),
);

let fx: Fixture;
let state: string;
let cases = 0;
let accepted = 0;
let refusedWrites = 0;
const statuses = new Map<number, number>();
const previousLimit = process.env.ASSAY_RATE_LIMIT_RPS;

beforeAll(async () => {
  process.env.ASSAY_RATE_LIMIT_RPS = 'off';
  fx = await buildFixture();
}, 120_000);

afterAll(async () => {
  await fx?.stop();
  if (previousLimit === undefined) delete process.env.ASSAY_RATE_LIMIT_RPS;
  else process.env.ASSAY_RATE_LIMIT_RPS = previousLimit;
  console.log(
    `security fuzz: ${targets.length} routes, ${cases} cases (${accepted} accepted, ${refusedWrites} refused writes checked unchanged), statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
});

type Case =
  | { kind: 'json'; note: string; body?: unknown; query?: Record<string, unknown> }
  | { kind: 'raw'; note: string; raw: RawBody; query?: Record<string, unknown> };

function seedOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

function caseArbitrary(entry: RouteEntry): fc.Arbitrary<Case> {
  const { route } = entry;
  const bodyArb = route.body ? fromSchema(jsonSchemaOf(route.body)) : fc.constant(undefined);
  const queryArb: fc.Arbitrary<Record<string, unknown> | undefined> = route.query
    ? fc.oneof(
        fromSchema(jsonSchemaOf(route.query)) as fc.Arbitrary<Record<string, unknown>>,
        fc
          .tuple(
            fc.constantFrom(...Object.keys(route.query.shape), '__proto__', 'constructor'),
            hostileValue,
          )
          .map(([k, v]) => ({ [k]: v })),
      )
    : fc.constant(undefined);
  const variants: fc.Arbitrary<Case>[] = [
    fc
      .record({ body: bodyArb, query: queryArb })
      .map((c) => ({ kind: 'json', note: 'schema-shaped', ...c })),
    fc.tuple(bodyArb, fc.nat(), hostileValue, queryArb).map(([body, pick, bad, query]) => ({
      kind: 'json',
      note: 'one hostile value',
      body: route.body ? splice(body, pick, bad) : undefined,
      query,
    })),
  ];
  if (route.body) {
    variants.push(
      fc
        .oneof(fc.jsonValue({ maxDepth: 3 }), hostileValue)
        .map((body) => ({ kind: 'json', note: 'wrong shape', body }) as Case),
      rawBodies(MAX_BODY).map((raw) => ({ kind: 'raw', note: raw.note, raw }) as Case),
    );
  }
  return fc.oneof(...variants);
}

function queryString(base: string, extra: Record<string, unknown> | undefined): string {
  const query = new URLSearchParams(base.replace(/^\?/, ''));
  for (const [k, v] of Object.entries(extra ?? {})) {
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
    // Past ~16 KB Node's HTTP parser answers 431 before any handler runs.
    query.set(k, text.slice(0, 4000));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

function credentialAndPath(entry: RouteEntry): { credential: string; path: string; base: string } {
  const { route } = entry;
  let overrides: Record<string, string> = {};
  let credential = fx.a.admin;
  if (route.auth.kind === 'candidate') {
    // The in-progress session 2 and its token: answers and signals are accepted there.
    credential = fx.ids.tokens[1];
    overrides = route.path.includes('{token}')
      ? { token: fx.ids.tokens[1] }
      : { id: fx.ids.sessionIds[1] };
  }
  const addressed = pathFor(route, fx, overrides);
  const base = queryFor(route, fx);
  expect(addressed, `${entry.key}: no path`).toBeDefined();
  expect(base, `${entry.key}: no query`).toBeDefined();
  return { credential, path: addressed!.path, base: base! };
}

function checkResponse(entry: RouteEntry, c: Case, res: ApiResponse): void {
  const what = `${entry.key} [${c.note}] → ${res.status} ${res.text.slice(0, 400)}`;
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  expect(res.status, what).toBeLessThan(500);
  expect(res.status, what).toBeGreaterThanOrEqual(200);
  expect(res.status < 300 || res.status >= 400, what).toBe(true);
  if (res.status < 400) return;
  expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  const problem = res.json as {
    type?: unknown;
    title?: unknown;
    status?: unknown;
    errors?: unknown;
  };
  expect(typeof problem.type, what).toBe('string');
  expect(typeof problem.title, what).toBe('string');
  expect(problem.status, what).toBe(res.status);
  if (res.status === 422 && (problem.type as string).endsWith('/validation')) {
    const errors = problem.errors as { pointer: string; message: string }[];
    expect(errors.length, what).toBeGreaterThan(0);
    for (const e of errors) expect(e.pointer, what).toMatch(/^(body|query|path)(\/|$)/);
  }
}

/** The ETag of the resource at `path` or the nearest resource above it. */
async function currentEtag(
  client: ReturnType<typeof apiClient>,
  path: string,
): Promise<string | undefined> {
  const parts = path.split('/');
  while (parts.length > 2) {
    const res = await client.get(parts.join('/'));
    const etag = res.status === 200 ? res.headers.get('etag') : null;
    if (etag) return etag;
    parts.pop();
  }
  return undefined;
}

describe('fuzzing every body and query from its schema', () => {
  it('has something to fuzz', () => {
    expect(targets.length).toBeGreaterThan(10);
  });

  it.each(targets.map((e) => [e.key, e] as const))('%s', async (_, entry) => {
    const { credential, path, base } = credentialAndPath(entry);
    const client = apiClient(fx.stack.url, credential);
    const write = entry.route.method !== 'GET';
    state = await tenantState(fx.a.tenantId, entry.service);
    await fc.assert(
      fc.asyncProperty(caseArbitrary(entry), async (c) => {
        cases++;
        const url = `${path}${queryString(base, c.query)}`;
        const send = (headers: Record<string, string> = {}) =>
          c.kind === 'raw'
            ? client.request(entry.route.method, url, undefined, { rawBody: c.raw.raw, headers })
            : client.request(entry.route.method, url, c.body, { headers });
        let res = await send();
        if (res.status === 428) {
          // Optimistic concurrency (If-Match required): read the current ETag and send again,
          // so the body reaches the domain code and storage.
          const etag = await currentEtag(client, path);
          if (etag) res = await send({ 'if-match': etag });
        }
        checkResponse(entry, c, res);
        if (res.status < 400) {
          accepted++;
          if (write) {
            await fx.stack.settle();
            state = await tenantState(fx.a.tenantId, entry.service);
          }
        } else if (write) {
          refusedWrites++;
          const after = await tenantState(fx.a.tenantId, entry.service);
          expect(
            after === state,
            `${entry.key} [${c.note}] was refused (${res.status}) but changed data`,
          ).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: seedOf(entry.key), endOnFailure: true },
    );
  });
});
