import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { WebhookStore } from '../src/webhook-store';
import { Webhooks } from '../src/webhooks/deliveries';
import { localDataKeys, SealedSecretError, SecretSealer } from '../src/webhooks/secret-sealer';
import { httpSender } from '../src/webhooks/sender';

// The local sealer on real DynamoDB Local items: what is stored never holds a secret, rotation
// still works, and any change to a sealed value fails closed. (The KMS data-key source has no
// emulator here; it is covered by synthesis and type checks only, see docs/webhooks.md.)

const dir = mkdtempSync(join(tmpdir(), 'assay-sealer-'));
const keyFile = join(dir, 'secrets.key');
let db: Awaited<ReturnType<typeof useTestTables>>['db'];
let store: WebhookStore;
let webhooks: Webhooks;
const tenantId = 'sealer-tenant';

beforeAll(async () => {
  ({ db } = await useTestTables());
  store = new WebhookStore(db, new SecretSealer(localDataKeys(keyFile)));
  webhooks = new Webhooks({
    store,
    send: httpSender,
    mode: 'local',
    schedule: () => Promise.reject(new Error('no attempt is scheduled in these tests')),
    now: () => new Date(),
    apiBase: 'http://127.0.0.1',
  });
});

async function rawItem(endpointId: string) {
  const out = await db.send(
    new GetItemCommand({
      TableName: store.table,
      Key: marshall({ pk: `T#${tenantId}#WHEP`, sk: `EP#${endpointId}` }),
      ConsistentRead: true,
    }),
  );
  return unmarshall(out.Item!);
}

/** Every form a secret could leak in: whole, its base64 body, and the raw key bytes as hex. */
function leaks(stored: unknown, secret: string): boolean {
  const text = JSON.stringify(stored);
  const body = secret.slice('whsec_'.length);
  return (
    text.includes(secret) ||
    text.includes(body) ||
    text.includes(Buffer.from(body, 'base64').toString('hex'))
  );
}

describe('sealed webhook secrets (local key file, DynamoDB Local)', () => {
  it('stores the endpoint with its secret sealed, and reads it back in clear', async () => {
    const { endpoint, secret } = await webhooks.createEndpoint(tenantId, {
      url: 'http://127.0.0.1:9/hook',
      types: ['ping'],
    });
    const item = await rawItem(endpoint.endpointId);
    expect(item.secrets).toBeUndefined();
    expect(item.sealedSecrets).toMatch(/^v1\.local-[0-9a-f]{16}\./);
    expect(leaks(item, secret)).toBe(false);
    expect((await store.endpoint(tenantId, endpoint.endpointId))?.secrets).toEqual([{ secret }]);
    // The key file is the owner's alone.
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('rotates: both secrets sign, neither is stored in clear', async () => {
    const { endpoint, secret: first } = await webhooks.createEndpoint(tenantId, {
      url: 'http://127.0.0.1:9/hook',
      types: ['ping'],
    });
    const { secret: second } = await webhooks.rotateSecret(tenantId, endpoint.endpointId);
    const read = await store.endpoint(tenantId, endpoint.endpointId);
    expect(read?.secrets.map((s) => s.secret)).toEqual([second, first]);
    expect(read?.secrets[1]?.expiresAt).toBeDefined();
    const item = await rawItem(endpoint.endpointId);
    expect(leaks(item, first)).toBe(false);
    expect(leaks(item, second)).toBe(false);
  });

  it('fails closed on a tampered ciphertext or a sealed value moved to another endpoint', async () => {
    const made = await Promise.all(
      [1, 2].map(() =>
        webhooks.createEndpoint(tenantId, { url: 'http://127.0.0.1:9/hook', types: ['ping'] }),
      ),
    );
    const [a, b] = made.map((m) => m.endpoint) as [
      (typeof made)[0]['endpoint'],
      (typeof made)[0]['endpoint'],
    ];
    const item = await rawItem(a.endpointId);
    const parts = String(item.sealedSecrets).split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString('base64url');
    await db.send(
      new PutItemCommand({
        TableName: store.table,
        Item: marshall({ ...item, sealedSecrets: parts.join('.') }),
      }),
    );
    const tampered = await store.endpoint(tenantId, a.endpointId).catch((e: unknown) => e);
    expect(tampered).toBeInstanceOf(SealedSecretError);
    expect((tampered as Error).message).toMatch(/failed authentication/);

    // A's (intact) sealed secrets copied onto B: bound to A's id, so B will not open.
    const original = await rawItem(b.endpointId);
    const fromA = String((await rawItem(a.endpointId)).sealedSecrets);
    await db.send(
      new PutItemCommand({
        TableName: store.table,
        Item: marshall({ ...original, sealedSecrets: fromA }),
      }),
    );
    await expect(store.endpoint(tenantId, b.endpointId)).rejects.toThrow(SealedSecretError);
    // Listing fails closed too rather than skipping or returning a wrong secret.
    await expect(store.endpoints(tenantId)).rejects.toThrow(SealedSecretError);
  });

  it("opens with the same key file after a restart, and refuses another stack's key", async () => {
    const sealed = await new SecretSealer(localDataKeys(keyFile)).seal('s3cret', 'ctx');
    expect(await new SecretSealer(localDataKeys(keyFile)).open(sealed, 'ctx')).toBe('s3cret');
    const other = new SecretSealer(localDataKeys(join(dir, 'other.key')));
    await expect(other.open(sealed, 'ctx')).rejects.toThrow(/another local key/);
    await expect(other.open('v1.garbage', 'ctx')).rejects.toThrow(/malformed/);
  });
});
