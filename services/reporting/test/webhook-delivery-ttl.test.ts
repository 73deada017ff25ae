import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { DELIVERY_RETENTION_DAYS, WebhookStore } from '../src/webhook-store';
import type { Delivery } from '../src/webhooks/model';
import { localDataKeys, SecretSealer } from '../src/webhooks/secret-sealer';

// Delivery records carry the table's TTL attribute on every write, and reads never show it.

let db: Awaited<ReturnType<typeof useTestTables>>['db'];
let store: WebhookStore;
const tenantId = 'ttl-tenant';

beforeAll(async () => {
  ({ db } = await useTestTables());
  store = new WebhookStore(db, new SecretSealer(localDataKeys()));
});

const delivery: Delivery = {
  deliveryId: 'whd_01TTL_ep1',
  endpointId: 'whe_1',
  eventId: '01TTL',
  type: 'score.computed',
  body: '{}',
  status: 'pending',
  attempts: 0,
  history: [],
  createdAt: '2026-11-23T10:00:00.000Z',
  version: 1,
};

async function storedTtl(): Promise<unknown> {
  const out = await db.send(
    new GetItemCommand({
      TableName: store.table,
      Key: marshall({ pk: `T#${tenantId}#WHDL`, sk: `DL#${delivery.deliveryId}` }),
    }),
  );
  return out.Item && unmarshall(out.Item).ttl;
}

describe('webhook delivery records', () => {
  it('expire a fixed time after they were created, on create and on every update', async () => {
    const expected = Date.parse(delivery.createdAt) / 1000 + DELIVERY_RETENTION_DAYS * 86_400;
    expect(await store.createDelivery(tenantId, delivery)).toBe(true);
    expect(await storedTtl()).toBe(expected);
    await store.putDelivery(tenantId, { ...delivery, status: 'succeeded', version: 2 }, 1);
    expect(await storedTtl()).toBe(expected);
    expect(await store.delivery(tenantId, delivery.deliveryId)).toEqual({
      ...delivery,
      status: 'succeeded',
      version: 2,
    });
  });
});
