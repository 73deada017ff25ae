import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeleteItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { useTestTables } from '@assay/local/test-support/dynamo';
import {
  CLAIM_CHECK_THRESHOLD_BYTES,
  ClaimCheckError,
  claimWrites,
  needsClaimCheck,
  resolveClaim,
} from '../src/index';

let db: Awaited<ReturnType<typeof useTestTables>>['db'];

beforeAll(async () => {
  ({ db } = await useTestTables());
});

/**
 * A synthetic document of about `kb` KB with multi-byte text (chunk edges split characters) and
 * hashes, which gzip cannot shrink much, so a large one still needs several stored chunks.
 */
function bigDocument(kb: number) {
  const noise = (i: number) =>
    Array.from({ length: 14 }, (_, j) => createHash('sha256').update(`${i}.${j}`).digest('hex'));
  return {
    id: 'synthetic',
    items: Array.from({ length: kb }, (_, i) => ({
      id: `i${i}`,
      prompt: `ünïcødé ${i} ${noise(i).join(' ')}`,
    })),
  };
}

async function store(tenantId: string, value: unknown) {
  const { ref, writes } = claimWrites(tenantId, JSON.stringify(value));
  await db.send(new TransactWriteItemsCommand({ TransactItems: writes }));
  return ref;
}

describe('claim check (DynamoDB Local)', () => {
  it('sends only details over 200 KB to the claim store', () => {
    expect(needsClaimCheck({ text: 'x'.repeat(CLAIM_CHECK_THRESHOLD_BYTES - 20) })).toBe(false);
    expect(needsClaimCheck({ text: 'x'.repeat(CLAIM_CHECK_THRESHOLD_BYTES) })).toBe(true);
  });

  it('chunks a document larger than one DynamoDB item and reads it back intact', async () => {
    const doc = bigDocument(1200);
    const ref = await store('t-big', doc);
    expect(ref.bytes).toBeGreaterThan(1024 * 1024);
    // Stored gzipped, in items of at most 350 KB.
    const stored = claimWrites('t-big', JSON.stringify(doc)).writes.map(
      (w) => w.Put!.Item!.data!.B!.length,
    );
    expect(ref.chunks).toBe(stored.length);
    expect(ref.chunks).toBeGreaterThan(1);
    expect(stored.every((n) => n <= 350 * 1024)).toBe(true);
    expect(stored.reduce((a, b) => a + b, 0)).toBeLessThan(ref.bytes);
    expect(ref.claimId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await resolveClaim('t-big', ref, db)).toEqual(doc);
  });

  it('is content-addressed: storing the same document again changes nothing', async () => {
    const doc = bigDocument(300);
    const first = await store('t-same', doc);
    expect(await store('t-same', doc)).toEqual(first);
    expect(await resolveClaim('t-same', first, db)).toEqual(doc);
  });

  it('cannot be resolved under another tenant, nor with a chunk missing', async () => {
    const ref = await store('t-owner', bigDocument(800));
    await expect(resolveClaim('t-other', ref, db)).rejects.toThrow(ClaimCheckError);

    const { writes } = claimWrites('t-owner', JSON.stringify(bigDocument(800)));
    const { TableName, Item } = writes.at(-1)!.Put!;
    await db.send(new DeleteItemCommand({ TableName, Key: { pk: Item!.pk!, sk: Item!.sk! } }));
    await expect(resolveClaim('t-owner', ref, db)).rejects.toThrow(/chunks/);
  });
});
