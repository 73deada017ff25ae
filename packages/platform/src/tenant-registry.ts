import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import type { Scope } from './manifest';
import { tableName } from './manifest';
import { hashSecret, randomToken, secretMatches } from './secrets';
import { DEFAULT_RETENTION_MONTHS, MAX_RETENTION_MONTHS, tenantsTable } from './tables';

/**
 * The tenant registry. Tenant items are keyed `T#<tenantId>`; an API key's lookup item is keyed
 * by its key id (`KEY#<keyId>`) because the presented key names no tenant, and it stores only
 * the secret's hash and the tenant it resolves to.
 */
export interface Tenant {
  tenantId: string;
  name: string;
  region: string;
  createdAt: string;
  /** How long candidates' personal data is kept; DEFAULT_RETENTION_MONTHS when unset. */
  retentionMonths?: number;
}

/** `from` plus `months` calendar months (UTC; the 31st rolls into the next month like Date does). */
export function retentionEnd(from: Date, months: number): Date {
  const end = new Date(from.getTime());
  end.setUTCMonth(end.getUTCMonth() + months);
  return end;
}

/** DynamoDB TTL value (epoch seconds) for an ISO instant. */
export function ttlSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

export interface ApiKeyRecord {
  keyId: string;
  tenantId: string;
  scopes: Scope[];
  label: string;
  createdAt: string;
  revokedAt?: string;
}

export interface Principal {
  kind: 'tenant';
  tenantId: string;
  keyId: string;
  scopes: Scope[];
}

const KEY_PATTERN = /^ak_([a-z0-9-]+)_([0-9a-z]{16})_([A-Za-z0-9_-]{43})$/;
const SCOPE_RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };

export function scopeAllows(granted: readonly Scope[], needed: Scope): boolean {
  return granted.some((s) => SCOPE_RANK[s] >= SCOPE_RANK[needed]);
}

export class TenantRegistry {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table = tableName(tenantsTable),
    private readonly region = process.env.ASSAY_REGION ?? process.env.AWS_REGION ?? 'local',
  ) {}

  async createTenant(
    name: string,
    tenantId: string = ulid().toLowerCase(),
    options: { retentionMonths?: number } = {},
  ): Promise<Tenant> {
    if (options.retentionMonths !== undefined) checkRetention(options.retentionMonths);
    const tenant: Tenant = {
      tenantId,
      name,
      region: this.region,
      createdAt: new Date().toISOString(),
      ...(options.retentionMonths !== undefined
        ? { retentionMonths: options.retentionMonths }
        : {}),
    };
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall({ pk: `T#${tenantId}`, sk: 'TENANT', ...tenant }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException)
        throw new RegistryError(`tenant ${tenantId} already exists`);
      throw err;
    }
    return tenant;
  }

  async getTenant(tenantId: string): Promise<Tenant | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `T#${tenantId}`, sk: 'TENANT' }),
      }),
    );
    if (!out.Item) return undefined;
    const { tenantId: id, name, region, createdAt } = unmarshall(out.Item) as Tenant;
    return { tenantId: id, name, region, createdAt };
  }

  /** The tenant's retention in months (the default when it never chose one). */
  async retentionMonths(tenantId: string): Promise<number> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `T#${tenantId}`, sk: 'TENANT' }),
        ProjectionExpression: 'retentionMonths',
      }),
    );
    const months = out.Item?.retentionMonths?.N;
    return months === undefined ? DEFAULT_RETENTION_MONTHS : Number(months);
  }

  /**
   * Sets the tenant's retention. A conditional Put of the whole item rather than an Update:
   * HTTP functions hold only read and PutItem on the registry (tokens), and the condition on
   * the value read makes a concurrent change fail instead of being overwritten silently.
   */
  async setRetentionMonths(tenantId: string, months: number): Promise<void> {
    checkRetention(months);
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `T#${tenantId}`, sk: 'TENANT' }),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) throw new RegistryError(`no tenant ${tenantId}`);
    const before = out.Item.retentionMonths;
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { ...out.Item, retentionMonths: { N: String(months) } },
          ConditionExpression: before
            ? 'retentionMonths = :before'
            : 'attribute_exists(pk) AND attribute_not_exists(retentionMonths)',
          ...(before ? { ExpressionAttributeValues: { ':before': before } } : {}),
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException)
        throw new RegistryError(`the retention of tenant ${tenantId} changed meanwhile`);
      throw err;
    }
  }

  /** Operators' view; the registry is small, so a scan is the honest query. */
  async listTenants(): Promise<Tenant[]> {
    const tenants: Tenant[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :t',
          ExpressionAttributeValues: marshall({ ':t': 'TENANT' }),
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const { tenantId, name, region, createdAt } = unmarshall(item) as Tenant;
        tenants.push({ tenantId, name, region, createdAt });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return tenants.sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
    );
  }

  /** Creates a key and returns it in clear exactly once; only its hash is stored. */
  async createApiKey(
    tenantId: string,
    scopes: Scope[],
    label = 'default',
  ): Promise<{ apiKey: string; record: ApiKeyRecord }> {
    if (!(await this.getTenant(tenantId))) throw new RegistryError(`no tenant ${tenantId}`);
    const keyId = ulid().toLowerCase().slice(-16);
    const secret = randomToken(32);
    const record: ApiKeyRecord = {
      keyId,
      tenantId,
      scopes,
      label,
      createdAt: new Date().toISOString(),
    };
    await this.db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: marshall({
                pk: `KEY#${keyId}`,
                sk: 'KEY',
                ...record,
                secretHash: hashSecret(secret),
              }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            ConditionCheck: {
              TableName: this.table,
              Key: marshall({ pk: `T#${tenantId}`, sk: 'TENANT' }),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ],
      }),
    );
    return { apiKey: `ak_${this.region}_${keyId}_${secret}`, record };
  }

  async revokeApiKey(keyId: string): Promise<ApiKeyRecord> {
    try {
      const out = await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall({ pk: `KEY#${keyId}`, sk: 'KEY' }),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: marshall({ ':now': new Date().toISOString() }),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toKeyRecord(unmarshall(out.Attributes ?? {}));
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException)
        throw new RegistryError(`no key ${keyId}`);
      throw err;
    }
  }

  /** The principal a presented key stands for, or undefined for any unknown, malformed or revoked key. */
  async resolveApiKey(presented: string): Promise<Principal | undefined> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return undefined;
    const [, , keyId, secret] = match as unknown as [string, string, string, string];
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `KEY#${keyId}`, sk: 'KEY' }),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    if (item.revokedAt || !secretMatches(secret, String(item.secretHash))) return undefined;
    return {
      kind: 'tenant',
      tenantId: String(item.tenantId),
      keyId,
      scopes: item.scopes as Scope[],
    };
  }
}

function toKeyRecord(item: Record<string, unknown>): ApiKeyRecord {
  const { keyId, tenantId, scopes, label, createdAt, revokedAt } = item as unknown as ApiKeyRecord;
  return { keyId, tenantId, scopes, label, createdAt, ...(revokedAt ? { revokedAt } : {}) };
}

function checkRetention(months: number): void {
  if (!Number.isInteger(months) || months < 1 || months > MAX_RETENTION_MONTHS)
    throw new RegistryError(`retention must be 1–${MAX_RETENTION_MONTHS} whole months`);
}

/** A registry operation refused for a reason the operator can act on. */
export class RegistryError extends Error {}
