import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { CandidateTokens, hashSecret, tableName, tenantsTable } from '../src/index';

// Candidate tokens are reused for a few seconds after a read (autosave presents them often):
// expiry is still checked on every use, and a revocation in the registry wins once the short
// cache window has passed.

let db: Awaited<ReturnType<typeof useTestTables>>['db'];

beforeAll(async () => {
  ({ db } = await useTestTables());
});

const revoke = (token: string) =>
  db.send(
    new UpdateItemCommand({
      TableName: tableName(tenantsTable),
      Key: marshall({ pk: `CT#${hashSecret(token)}`, sk: 'TOKEN' }),
      UpdateExpression: 'SET revoked = :t',
      ExpressionAttributeValues: marshall({ ':t': true }),
    }),
  );

describe('candidate token cache', () => {
  it('stops a revoked token once the cache window has passed', async () => {
    const tokens = new CandidateTokens(db, tableName(tenantsTable), 150);
    const token = await tokens.issue('t1', 'inv-1', new Date(Date.now() + 86_400_000));
    expect(await tokens.resolve(token)).toMatchObject({ invitationId: 'inv-1' });
    await revoke(token);
    // Within the window the cached principal may still answer; after it, never.
    await new Promise((done) => setTimeout(done, 200));
    expect(await tokens.resolve(token)).toBeUndefined();
    expect(await tokens.resolve(token)).toBeUndefined();
  });

  it('checks expiry on every use, cached or not', async () => {
    const tokens = new CandidateTokens(db, tableName(tenantsTable), 60_000);
    const expiresAt = new Date(Date.now() + 86_400_000);
    const token = await tokens.issue('t1', 'inv-2', expiresAt);
    expect(await tokens.resolve(token)).toBeDefined();
    expect(await tokens.resolve(token, new Date(expiresAt.getTime() + 1))).toBeUndefined();
  });

  it('without a cache reads the registry every time', async () => {
    const tokens = new CandidateTokens(db, tableName(tenantsTable), 0);
    const token = await tokens.issue('t1', 'inv-3', new Date(Date.now() + 86_400_000));
    expect(await tokens.resolve(token)).toBeDefined();
    await revoke(token);
    expect(await tokens.resolve(token)).toBeUndefined();
  });
});
