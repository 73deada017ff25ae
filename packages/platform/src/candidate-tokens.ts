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

export class CandidateTokens {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table = tableName(tenantsTable),
  ) {}

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
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `CT#${hashSecret(token)}`, sk: 'TOKEN' }),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item) as CandidatePrincipal & { revoked?: boolean };
    // TTL deletion lags by up to days, so expiry is enforced here, not left to DynamoDB.
    if (item.revoked || Date.parse(item.expiresAt) <= now.getTime()) return undefined;
    return {
      kind: 'candidate',
      tenantId: item.tenantId,
      invitationId: item.invitationId,
      expiresAt: item.expiresAt,
    };
  }
}
