import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, TenantRegistry } from '@assay/platform';
import type { LocalStack } from '@assay/local';
import { apiClient, type ApiResponse } from '../support/api-client';
import { startTestStack } from '../support/stack';

// A dedicated stack with a low limit: 2 requests a second, bursts of 5, per tenant and per
// candidate token (each service's handler keeps its own buckets, as each Lambda function would).

const RPS = 2;
const BURST = 5;
const saved = {
  rps: process.env.ASSAY_RATE_LIMIT_RPS,
  burst: process.env.ASSAY_RATE_LIMIT_BURST,
};
let stack: LocalStack;
let otherKey: string;

beforeAll(async () => {
  // Read by the handlers on their first request, so set before the stack serves anything.
  process.env.ASSAY_RATE_LIMIT_RPS = String(RPS);
  process.env.ASSAY_RATE_LIMIT_BURST = String(BURST);
  stack = await startTestStack();
  const registry = new TenantRegistry(dynamoClient());
  const other = await registry.createTenant('Rate Other');
  otherKey = (await registry.createApiKey(other.tenantId, ['read'])).apiKey;
});

afterAll(async () => {
  await stack?.stop();
  for (const [name, value] of [
    ['ASSAY_RATE_LIMIT_RPS', saved.rps],
    ['ASSAY_RATE_LIMIT_BURST', saved.burst],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function untilLimited(call: () => Promise<ApiResponse>): Promise<ApiResponse[]> {
  const out: ApiResponse[] = [];
  for (let i = 0; i < BURST * 3; i++) {
    const res = await call();
    out.push(res);
    if (res.status === 429) break;
  }
  return out;
}

function expectLimited(res: ApiResponse): number {
  expect(res.status, res.text).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({
    type: 'https://assay.dev/problems/rate-limited',
    status: 429,
  });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(Math.ceil(1 / RPS));
  return retryAfter;
}

describe('per-tenant rate limit', () => {
  it('answers 429 with Retry-After once a tenant spends its burst, then recovers', async () => {
    const api = apiClient(stack.url, stack.demo.apiKey);
    const seen = await untilLimited(() => api.get('/v1/playbooks'));
    // The burst is accepted (a few more may slip in as tokens refill meanwhile).
    expect(seen.slice(0, BURST).map((r) => r.status)).toEqual(Array(BURST).fill(200));
    const retryAfter = expectLimited(seen.at(-1)!);

    // Another tenant is not held back by this one, and health checks are not limited.
    expect((await apiClient(stack.url, otherKey).get('/v1/playbooks')).status).toBe(200);
    expect((await apiClient(stack.url).get('/health')).status).toBe(200);

    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
    expect((await api.get('/v1/playbooks')).status).toBe(200);
  });

  it('limits each candidate token on its own', async () => {
    const api = apiClient(stack.url, stack.demo.apiKey);
    const asm = await api.post<{ id: string }>('/v1/assessments', {
      playbook: { id: 'medical-billing-specialist' },
    });
    expect(asm.status, asm.text).toBe(201);
    const tokens: string[] = [];
    for (const n of [1, 2]) {
      const inv = await api.post<{ token: string }>(`/v1/assessments/${asm.json.id}/invitations`, {
        candidate: { name: `Rate Candidate ${n}`, email: `rate${n}@example.com` },
      });
      expect(inv.status, inv.text).toBe(201);
      tokens.push(inv.json.token);
    }
    const candidate = apiClient(stack.url);
    const seen = await untilLimited(() => candidate.get(`/v1/take/${tokens[0]}`));
    expect(seen[0]!.status).toBe(200);
    const retryAfter = expectLimited(seen.at(-1)!);
    expect((await candidate.get(`/v1/take/${tokens[1]}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
    expect((await candidate.get(`/v1/take/${tokens[0]}`)).status).toBe(200);
  });
});
