import { HttpProblem } from './problem';

/**
 * A token bucket per caller (a tenant, or one candidate token): `burst` requests at once, then
 * `ratePerSecond` on average. It lives in one process — in AWS one Lambda instance — so it is a
 * first line against a runaway client, not the platform's real limit: API Gateway usage plans
 * and WAF rate rules are (see docs/security.md).
 */
export interface RateLimitOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the most requests accepted at once after a quiet spell. */
  burst: number;
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
  /** Buckets kept at most; the least recently used are dropped (a dropped bucket starts full). */
  maxBuckets?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export const DEFAULT_RATE_LIMIT = { ratePerSecond: 50, burst: 200 } as const;

export class TokenBucketLimiter {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly now: () => number;
  private readonly maxBuckets: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: RateLimitOptions) {
    if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
      throw new RangeError('ratePerSecond must be a positive number');
    }
    if (!(options.burst >= 1) || !Number.isFinite(options.burst)) {
      throw new RangeError('burst must be at least 1');
    }
    this.ratePerSecond = options.ratePerSecond;
    this.burst = options.burst;
    this.now = options.now ?? Date.now;
    this.maxBuckets = options.maxBuckets ?? 10_000;
  }

  /** Takes one token from `key`'s bucket, or says how many whole seconds until one is there. */
  take(key: string): RateDecision {
    const now = this.now();
    const found = this.buckets.get(key);
    let bucket: Bucket;
    if (found) {
      const elapsed = Math.max(0, now - found.at) / 1000;
      bucket = {
        tokens: Math.min(this.burst, found.tokens + elapsed * this.ratePerSecond),
        at: now,
      };
      // Re-inserting keeps the map in least-recently-used order for eviction.
      this.buckets.delete(key);
    } else {
      bucket = { tokens: this.burst, at: now };
    }
    this.buckets.set(key, bucket);
    this.evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const seconds = (1 - bucket.tokens) / this.ratePerSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
  }

  /** Buckets held (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    while (this.buckets.size > this.maxBuckets) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}

/**
 * The limiter the environment asks for: `ASSAY_RATE_LIMIT_RPS` (default 50) and
 * `ASSAY_RATE_LIMIT_BURST` (default 200); `ASSAY_RATE_LIMIT_RPS=0` or `off` turns it off.
 * Anything unreadable falls back to the default rather than to no limit.
 */
export function rateLimiterFromEnv(
  env: Record<string, string | undefined> = process.env,
  now?: () => number,
): TokenBucketLimiter | undefined {
  const rpsText = env.ASSAY_RATE_LIMIT_RPS?.trim();
  if (rpsText === '0' || rpsText?.toLowerCase() === 'off') return undefined;
  const rps = positive(rpsText) ?? DEFAULT_RATE_LIMIT.ratePerSecond;
  const burst = positive(env.ASSAY_RATE_LIMIT_BURST?.trim());
  return new TokenBucketLimiter({
    ratePerSecond: rps,
    burst: burst !== undefined && burst >= 1 ? burst : Math.max(DEFAULT_RATE_LIMIT.burst, rps),
    now,
  });
}

function positive(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** The 429 problem, with `Retry-After` in whole seconds (RFC 9110 §10.2.3). */
export function rateLimited(retryAfterSeconds: number): HttpProblem {
  return new HttpProblem(
    429,
    'rate-limited',
    'Too many requests',
    `Slow down: retry after ${retryAfterSeconds} s`,
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );
}
