import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName } from './manifest';
import { hashSecret, randomToken } from './secrets';
import { tenantsTable } from './tables';

/**
 * Candidate tokens: opaque, random, single-purpose (one invitation), expiring. The registry
 * keeps only the token's hash; DynamoDB's TTL removes expired ones.
 */
export interface CandidatePrincipal {
  kind: 'candidate';
  tenantId: string;
  /** The invitation (and so the session) this token may act on, and nothing else. */
  invitationId: string;
  expiresAt: string;
}

const TOKEN_PATTERN = /^ct_[A-Za-z0-9_-]{43}$/;

/** Longest a resolved token may be reused without a read: a revocation takes effect within it. */
export const MAX_TOKEN_CACHE_MS = 5_000;
const DEFAULT_TOKEN_CACHE_MS = 2_000;
const TOKEN_CACHE_ENTRIES = 10_000;

/** `ASSAY_CANDIDATE_TOKEN_CACHE_MS`: 0 turns the cache off; never above MAX_TOKEN_CACHE_MS. */
function cacheMsFromEnv(): number {
  const raw = process.env.ASSAY_CANDIDATE_TOKEN_CACHE_MS;
  const ms = raw === undefined || raw === '' ? DEFAULT_TOKEN_CACHE_MS : Number(raw);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_TOKEN_CACHE_MS) : 0;
}

export class CandidateTokens {
  /**
   * Tokens resolved in the last few seconds, by hash: an autosaving page presents its token
   * several times a second, and each lookup would otherwise be a consistent read. Only valid
   * tokens are kept; expiry is still checked on every use; entries older than `cacheMs` are
   * read again, so a token revoked in the registry stops working within `cacheMs` (2 s by
   * default). Revoking an invitation needs no wait: its session refuses writes at once.
   */
  private readonly recent = new Map<string, { principal: CandidatePrincipal; at: number }>();

  private readonly cacheMs: number;

  constructor(
    private readonly db: DynamoDBClient,
    private readonly table = tableName(tenantsTable),
    cacheMs = cacheMsFromEnv(),
  ) {
    this.cacheMs = Math.max(0, Math.min(cacheMs, MAX_TOKEN_CACHE_MS));
  }

  async issue(tenantId: string, invitationId: string, expiresAt: Date): Promise<string> {
    const token = `ct_${randomToken(32)}`;
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({
          pk: `CT#${hashSecret(token)}`,
          sk: 'TOKEN',
          tenantId,
          invitationId,
          expiresAt: expiresAt.toISOString(),
          [tenantsTable.ttlAttribute!]: Math.ceil(expiresAt.getTime() / 1000),
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return token;
  }

  async resolve(token: string, now: Date = new Date()): Promise<CandidatePrincipal | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const hash = hashSecret(token);
    const cached = this.recent.get(hash);
    if (cached && performance.now() - cached.at < this.cacheMs)
      return Date.parse(cached.principal.expiresAt) <= now.getTime() ? undefined : cached.principal;
    this.recent.delete(hash);
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `CT#${hash}`, sk: 'TOKEN' }),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item) as CandidatePrincipal & { revoked?: boolean };
    // TTL deletion lags by up to days, so expiry is enforced here, not left to DynamoDB.
    if (item.revoked || Date.parse(item.expiresAt) <= now.getTime()) return undefined;
    const principal: CandidatePrincipal = {
      kind: 'candidate',
      tenantId: item.tenantId,
      invitationId: item.invitationId,
      expiresAt: item.expiresAt,
    };
    if (this.cacheMs > 0) this.remember(hash, principal);
    return principal;
  }

  private remember(hash: string, principal: CandidatePrincipal): void {
    // Oldest first (insertion order): dropping from the front keeps the map bounded.
    if (this.recent.size >= TOKEN_CACHE_ENTRIES) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    this.recent.set(hash, { principal, at: performance.now() });
  }
}
