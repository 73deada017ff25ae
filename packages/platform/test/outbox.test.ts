import { beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { sessionStarted, type EventDetail } from '@assay/events';
import { handler as enrich } from '../src/handlers/outbox-enrichment';
import { outboxEntryFromImage, outboxItem, outboxMentionFilter, tableName } from '../src/index';
import { claimsTable } from '../src/tables';

let db: Awaited<ReturnType<typeof useTestTables>>['db'];
beforeAll(async () => {
  ({ db } = await useTestTables());
});

const SESSION = 'ses_01KAZ5V6J8Y0Q6W7E3R4T5Y6V7';
let events = 0;
function detail(tenantId: string, extra: Record<string, unknown> = {}) {
  return {
    eventId: `01KAZ5V6J8Y0Q6W7E3R4T5${String(++events).padStart(4, '0')}`,
    type: 'session.started',
    version: 1,
    occurredAt: '2026-11-23T10:00:00.000Z',
    tenantId,
    correlationId: 'c1',
    data: { sessionId: SESSION, invitationId: 'inv_01KAZ5V6J8Y0Q6W7E3R4T5Y6V8', ...extra },
  } as unknown as EventDetail<typeof sessionStarted>;
}
/** About 70 KB of answers, like a submitted session's event. */
const answers = Array.from(
  { length: 300 },
  (_, i) => `answer ${i}: ${'claim denied, '.repeat(16)}`,
);

describe('outbox items', () => {
  it('keeps a small detail as plain JSON and gzips a large one, reading both back the same', () => {
    const small = detail('t1');
    const plain = outboxItem(sessionStarted, small);
    expect(plain.detail?.S).toBe(JSON.stringify(small));
    expect(outboxEntryFromImage(plain)?.detail).toEqual(small);

    const large = detail('t1', { answers });
    const packed = outboxItem(sessionStarted, large);
    expect(packed.detail).toBeUndefined();
    expect(packed.detailGz!.B!.length).toBeLessThan(JSON.stringify(large).length / 5);
    expect(packed.refs?.S).toBe(`"${SESSION}" "inv_01KAZ5V6J8Y0Q6W7E3R4T5Y6V8"`);
    expect(outboxEntryFromImage(packed)?.detail).toEqual(large);
  });

  it('decodes a gzipped detail a Pipe hands over base64-encoded', async () => {
    const large = detail('t1', { answers });
    const item = outboxItem(sessionStarted, large);
    const asPipeSendsIt = {
      ...item,
      detailGz: { B: Buffer.from(item.detailGz!.B!).toString('base64') },
    };
    const [entry] = await enrich([{ dynamodb: { NewImage: asPipeSendsIt as never } }]);
    expect(entry).toEqual({
      source: 'assay.session',
      detailType: 'session.started',
      detail: large,
    });
  });

  it("finds a tenant's items that mention an id, plain or gzipped, and no others", async () => {
    const TableName = tableName(claimsTable); // any table with pk/sk keys
    const tenant = `t${Date.now()}`;
    const items = [
      outboxItem(sessionStarted, detail(tenant)),
      outboxItem(sessionStarted, detail(tenant, { answers })),
      { ...outboxItem(sessionStarted, detail(tenant)), detail: { S: '{"sessionId":"ses_other"}' } },
    ];
    for (const Item of items) await db.send(new PutItemCommand({ TableName, Item }));
    const mentions = outboxMentionFilter([SESSION]);
    const out = await db.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: mentions.expression,
        ExpressionAttributeValues: {
          ':pk': { S: `T#${tenant}#OUTBOX` },
          ...Object.fromEntries(Object.entries(mentions.values).map(([k, v]) => [k, { S: v }])),
        },
      }),
    );
    expect(out.Items?.map((i) => i.sk!.S).sort()).toEqual(
      [items[0]!.sk!.S, items[1]!.sk!.S].sort(),
    );
  });
});
