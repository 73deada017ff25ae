import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { useTestTables } from '@assay/local/test-support/dynamo';
import {
  CandidateTokens,
  RegistryError,
  TenantRegistry,
  hashSecret,
  scopeAllows,
  tableName,
  tenantsTable,
} from '../src/index';

let registry: TenantRegistry;
let tokens: CandidateTokens;
let db: Awaited<ReturnType<typeof useTestTables>>['db'];

beforeAll(async () => {
  ({ db } = await useTestTables());
  registry = new TenantRegistry(db, tableName(tenantsTable), 'us-east-1');
  tokens = new CandidateTokens(db);
});

describe('tenant registry (DynamoDB Local)', () => {
  it('creates a tenant and a key that resolves to it with its scopes', async () => {
    const tenant = await registry.createTenant('Acme Clinic');
    const { apiKey, record } = await registry.createApiKey(tenant.tenantId, ['write']);
    expect(apiKey).toMatch(/^ak_us-east-1_[0-9a-z]{16}_[A-Za-z0-9_-]{43}$/);
    expect(await registry.resolveApiKey(apiKey)).toEqual({
      kind: 'tenant',
      tenantId: tenant.tenantId,
      keyId: record.keyId,
      scopes: ['write'],
    });
  });

  it('stores only the hash of the secret', async () => {
    const tenant = await registry.createTenant('Hash Check');
    const { apiKey, record } = await registry.createApiKey(tenant.tenantId, ['read']);
    const secret = apiKey.split('_').slice(3).join('_');
    const out = await db.send(
      new GetItemCommand({
        TableName: tableName(tenantsTable),
        Key: marshall({ pk: `KEY#${record.keyId}`, sk: 'KEY' }),
      }),
    );
    const stored = JSON.stringify(unmarshall(out.Item!));
    expect(stored).not.toContain(secret);
    expect(stored).toContain(hashSecret(secret));
  });

  it('refuses revoked, tampered, malformed and unknown keys', async () => {
    const tenant = await registry.createTenant('Revoker');
    const { apiKey, record } = await registry.createApiKey(tenant.tenantId, ['admin']);
    const tampered = apiKey.slice(0, -1) + (apiKey.endsWith('A') ? 'B' : 'A');
    expect(await registry.resolveApiKey(tampered)).toBeUndefined();
    expect(await registry.resolveApiKey('ak_nonsense')).toBeUndefined();
    expect(
      await registry.resolveApiKey(`ak_us-east-1_${'0'.repeat(16)}_${'a'.repeat(43)}`),
    ).toBeUndefined();
    const revoked = await registry.revokeApiKey(record.keyId);
    expect(revoked.revokedAt).toBeDefined();
    expect(await registry.resolveApiKey(apiKey)).toBeUndefined();
  });

  it('will not create a key for a missing tenant nor a tenant twice', async () => {
    await expect(registry.createApiKey('nobody', ['read'])).rejects.toBeInstanceOf(RegistryError);
    await registry.createTenant('Twice', 'twice');
    await expect(registry.createTenant('Twice again', 'twice')).rejects.toBeInstanceOf(
      RegistryError,
    );
    await expect(registry.revokeApiKey('0000000000000000')).rejects.toBeInstanceOf(RegistryError);
  });

  it('lists tenants', async () => {
    const names = (await registry.listTenants()).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Acme Clinic', 'Revoker', 'Twice']));
  });

  it('orders scopes read < write < admin', () => {
    expect(scopeAllows(['admin'], 'write')).toBe(true);
    expect(scopeAllows(['write'], 'read')).toBe(true);
    expect(scopeAllows(['read'], 'write')).toBe(false);
    expect(scopeAllows(['write'], 'admin')).toBe(false);
  });
});

describe('tenant retention (DynamoDB Local)', () => {
  it('defaults to 24 months, is set at creation or later, and refuses nonsense', async () => {
    const plain = await registry.createTenant('Default Keeper');
    expect(await registry.retentionMonths(plain.tenantId)).toBe(24);
    const short = await registry.createTenant('Short Keeper', undefined, { retentionMonths: 6 });
    expect(await registry.retentionMonths(short.tenantId)).toBe(6);
    await registry.setRetentionMonths(plain.tenantId, 36);
    expect(await registry.retentionMonths(plain.tenantId)).toBe(36);
    // The rest of the tenant record is untouched by the change.
    expect(await registry.getTenant(plain.tenantId)).toEqual(plain);
    for (const bad of [0, 1.5, 121])
      await expect(registry.setRetentionMonths(plain.tenantId, bad)).rejects.toBeInstanceOf(
        RegistryError,
      );
    await expect(registry.setRetentionMonths('no-such-tenant', 12)).rejects.toBeInstanceOf(
      RegistryError,
    );
    await expect(
      registry.createTenant('Forever', undefined, { retentionMonths: 1000 }),
    ).rejects.toBeInstanceOf(RegistryError);
  });
});

describe('candidate tokens (DynamoDB Local)', () => {
  it('resolve to their one invitation until they expire', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const token = await tokens.issue('t1', 'inv-1', new Date('2026-11-24T10:00:00Z'));
    expect(token).toMatch(/^ct_/);
    expect(await tokens.resolve(token, now)).toMatchObject({
      kind: 'candidate',
      tenantId: 't1',
      invitationId: 'inv-1',
    });
    expect(await tokens.resolve(token, new Date('2026-11-24T10:00:01Z'))).toBeUndefined();
    expect(await tokens.resolve('ct_' + 'x'.repeat(43), now)).toBeUndefined();
    expect(await tokens.resolve('not-a-token', now)).toBeUndefined();
  });
});
