import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { defineService, httpHandler, type Principal } from '../src/index';
import {
  DEFAULT_RATE_LIMIT,
  TokenBucketLimiter,
  rateLimited,
  rateLimiterFromEnv,
} from '../src/rate-limit';
import type { TenantRegistry } from '../src/tenant-registry';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('TokenBucketLimiter', () => {
  it('accepts a burst, refuses the next with Retry-After, and refills at the rate', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 2, burst: 3, now: c.now });
    for (let i = 0; i < 3; i++) expect(limiter.take('t#a')).toEqual({ allowed: true });
    expect(limiter.take('t#a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    c.advance(499);
    expect(limiter.take('t#a').allowed).toBe(false);
    c.advance(1);
    expect(limiter.take('t#a')).toEqual({ allowed: true });
    expect(limiter.take('t#a').allowed).toBe(false);
    // A long quiet spell refills to the burst, never beyond it.
    c.advance(60_000);
    for (let i = 0; i < 3; i++) expect(limiter.take('t#a').allowed).toBe(true);
    expect(limiter.take('t#a').allowed).toBe(false);
  });

  it('keeps one bucket per caller', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, now: c.now });
    expect(limiter.take('t#a').allowed).toBe(true);
    expect(limiter.take('t#a').allowed).toBe(false);
    expect(limiter.take('t#b').allowed).toBe(true);
    expect(limiter.take('c#a#inv_1').allowed).toBe(true);
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 0.25, burst: 1, now: c.now });
    limiter.take('k');
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    c.advance(1_500);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 3 });
  });

  it('ignores a clock that goes backwards', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, now: c.now });
    limiter.take('k');
    c.advance(-10_000);
    expect(limiter.take('k').allowed).toBe(false);
  });

  it('holds at most maxBuckets, dropping the least recently used', () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({
      ratePerSecond: 1,
      burst: 1,
      now: c.now,
      maxBuckets: 2,
    });
    limiter.take('a');
    limiter.take('b');
    limiter.take('a');
    limiter.take('c');
    expect(limiter.size).toBe(2);
    // b was dropped (starts full again); a is still empty.
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('refuses nonsense settings', () => {
    expect(() => new TokenBucketLimiter({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucketLimiter({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
    expect(() => new TokenBucketLimiter({ ratePerSecond: NaN, burst: 1 })).toThrow(RangeError);
  });
});

describe('rateLimiterFromEnv', () => {
  it('defaults to generous limits', () => {
    const limiter = rateLimiterFromEnv({})!;
    expect(limiter.ratePerSecond).toBe(DEFAULT_RATE_LIMIT.ratePerSecond);
    expect(limiter.burst).toBe(DEFAULT_RATE_LIMIT.burst);
  });

  it('reads the variables, can be turned off, and ignores garbage', () => {
    const set = rateLimiterFromEnv({ ASSAY_RATE_LIMIT_RPS: '5', ASSAY_RATE_LIMIT_BURST: '7' })!;
    expect([set.ratePerSecond, set.burst]).toEqual([5, 7]);
    expect(rateLimiterFromEnv({ ASSAY_RATE_LIMIT_RPS: '0' })).toBeUndefined();
    expect(rateLimiterFromEnv({ ASSAY_RATE_LIMIT_RPS: 'off' })).toBeUndefined();
    const junk = rateLimiterFromEnv({
      ASSAY_RATE_LIMIT_RPS: 'lots',
      ASSAY_RATE_LIMIT_BURST: '-1',
    })!;
    expect([junk.ratePerSecond, junk.burst]).toEqual([
      DEFAULT_RATE_LIMIT.ratePerSecond,
      DEFAULT_RATE_LIMIT.burst,
    ]);
  });

  it('builds a 429 problem with Retry-After', () => {
    const p = rateLimited(3);
    expect(p.status).toBe(429);
    expect(p.headers).toEqual({ 'retry-after': '3' });
    expect(p.toJSON().type).toBe('https://assay.dev/problems/rate-limited');
  });
});

describe('httpHandler rate limit', () => {
  const manifest = defineService({
    name: 'limited',
    table: { name: 'limited', indexes: [], outbox: false },
    handlers: {},
    routes: [
      {
        operationId: 'ping',
        method: 'GET',
        path: '/ping',
        auth: { kind: 'public' },
        summary: 'ping',
        response: { status: 200 },
      },
      {
        operationId: 'read',
        method: 'GET',
        path: '/things',
        auth: { kind: 'tenant', scope: 'read' },
        summary: 'read',
        response: { status: 200 },
      },
    ],
    publishes: [],
    subscribes: [],
  });
  const principals: Record<string, Principal> = {
    'ak-a': { kind: 'tenant', tenantId: 'a', keyId: 'ka', scopes: ['read'] },
    'ak-b': { kind: 'tenant', tenantId: 'b', keyId: 'kb', scopes: ['read'] },
  };
  const registry = {
    resolveApiKey: async (key: string) => principals[key],
  } as unknown as TenantRegistry;

  function event(path: string, key?: string): APIGatewayProxyEventV2 {
    return {
      version: '2.0',
      routeKey: `GET ${path}`,
      rawPath: path,
      rawQueryString: '',
      headers: key ? { authorization: `Bearer ${key}` } : {},
      requestContext: { requestId: 'r1', http: { method: 'GET', path } },
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
  }

  it('answers 429 problem+json with Retry-After per tenant, after authentication', async () => {
    const c = clock();
    const handler = httpHandler(
      manifest,
      {
        ping: async () => ({ status: 200 }),
        read: async () => ({ status: 200, body: { ok: true } }),
      },
      {
        registry: () => registry,
        rateLimiter: new TokenBucketLimiter({ ratePerSecond: 1, burst: 2, now: c.now }),
      },
    );
    const ctx = {} as Context;
    expect((await handler(event('/things', 'ak-a'), ctx)).statusCode).toBe(200);
    expect((await handler(event('/things', 'ak-a'), ctx)).statusCode).toBe(200);
    const refused = await handler(event('/things', 'ak-a'), ctx);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'retry-after': '1',
    });
    // Another tenant, an unauthenticated caller and public routes are not charged to tenant a.
    expect((await handler(event('/things', 'ak-b'), ctx)).statusCode).toBe(200);
    expect((await handler(event('/things', 'nope'), ctx)).statusCode).toBe(401);
    expect((await handler(event('/ping'), ctx)).statusCode).toBe(200);
    c.advance(1_000);
    expect((await handler(event('/things', 'ak-a'), ctx)).statusCode).toBe(200);
  });
});
