import {
  DeleteItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EventDefinition, EventDetail } from '@assay/events';

/** Outbox items live beside the state they describe and expire a week after being written. */
export const OUTBOX_SK_PREFIX = 'OUTBOX#';
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;
/**
 * A detail above this is stored gzipped: the item is written in a transaction (billed twice per
 * KB), and a submitted session's event (answers and the pinned form, ~70 KB) shrinks ~7×.
 */
const GZIP_ABOVE_BYTES = 2048;
const RESOURCE_ID = /^[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}$/;

/** What the stream relay (Pipes in AWS, the poller locally) turns into one PutEvents entry. */
export interface OutboxEntry {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
}

/** The DynamoDB item that carries one event; written in the same transaction as the change. */
export function outboxItem<E extends EventDefinition>(
  def: E,
  detail: EventDetail<E>,
): Record<string, AttributeValue> {
  const d = detail as { eventId: string; tenantId: string; occurredAt: string };
  return {
    pk: { S: outboxPartition(d.tenantId) },
    sk: { S: `${OUTBOX_SK_PREFIX}${d.eventId}` },
    source: { S: def.source },
    detailType: { S: def.type },
    ...detailAttributes(JSON.stringify(detail), detail),
    ttl: { N: String(Math.floor(Date.parse(d.occurredAt) / 1000) + OUTBOX_TTL_SECONDS) },
  };
}

/** Where a tenant's outbox items live in a service's table. */
const outboxPartition = (tenantId: string) => `T#${tenantId}#OUTBOX`;

/**
 * Deletes the tenant's outbox items in `table` whose event names any of `ids`: a relayed event
 * keeps its payload until the outbox TTL otherwise (erasure). Events whose type starts with
 * `keepTypesStartingWith` stay. Returns how many were deleted.
 */
export async function deleteOutboxMentioning(
  db: DynamoDBClient,
  table: string,
  tenantId: string,
  ids: readonly string[],
  keepTypesStartingWith?: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const mentions = outboxMentionFilter(ids);
  const values: Record<string, AttributeValue> = {
    ':pk': { S: outboxPartition(tenantId) },
    ...Object.fromEntries(Object.entries(mentions.values).map(([k, v]) => [k, { S: v }])),
    ...(keepTypesStartingWith ? { ':keep': { S: keepTypesStartingWith } } : {}),
  };
  let deleted = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: keepTypesStartingWith
          ? `${mentions.expression} AND NOT begins_with(detailType, :keep)`
          : mentions.expression,
        ExpressionAttributeValues: values,
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: start,
      }),
    );
    for (const key of page.Items ?? []) {
      await db.send(new DeleteItemCommand({ TableName: table, Key: key }));
      deleted += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return deleted;
}

/** Reads an outbox entry back from a stream record's NewImage; null for any other item. */
export function outboxEntryFromImage(
  image: Record<string, AttributeValue> | undefined,
): OutboxEntry | null {
  const sk = image?.sk?.S;
  if (!image || !sk?.startsWith(OUTBOX_SK_PREFIX)) return null;
  const source = image.source?.S;
  const detailType = image.detailType?.S;
  const gzipped = image.detailGz?.B as Uint8Array | string | undefined;
  const detail =
    gzipped === undefined
      ? image.detail?.S
      : // A Pipe hands binary attributes to the enrichment function base64-encoded.
        gunzipSync(
          typeof gzipped === 'string' ? Buffer.from(gzipped, 'base64') : gzipped,
        ).toString();
  if (!source || !detailType || !detail) return null;
  return { source, detailType, detail: JSON.parse(detail) as Record<string, unknown> };
}

/**
 * A filter for a tenant's outbox items that mention any of `ids` (resource ids such as
 * `ses_…`), plain or gzipped: erasure uses it to drop events that carry a candidate's data.
 */
export function outboxMentionFilter(ids: readonly string[]): {
  expression: string;
  values: Record<string, string>;
} {
  const names = ids.map((_, i) => `:mention${i}`);
  return {
    expression: `(${names.map((n) => `contains(detail, ${n}) OR contains(refs, ${n})`).join(' OR ')})`,
    values: Object.fromEntries(ids.map((id, i) => [names[i]!, JSON.stringify(id)])),
  };
}

function detailAttributes(json: string, detail: unknown): Record<string, AttributeValue> {
  if (Buffer.byteLength(json) <= GZIP_ABOVE_BYTES) return { detail: { S: json } };
  // The resource ids it names stay searchable in clear (they are not personal data).
  const refs = [...new Set(resourceIds(detail))].map((id) => JSON.stringify(id)).join(' ');
  return { detailGz: { B: gzipSync(json) }, ...(refs ? { refs: { S: refs } } : {}) };
}

function resourceIds(value: unknown): string[] {
  if (typeof value === 'string') return RESOURCE_ID.test(value) ? [value] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(resourceIds);
}

/** A pending event for `transactWithEvents`. */
export interface PendingEvent<E extends EventDefinition = EventDefinition> {
  def: E;
  detail: EventDetail<E>;
}

/**
 * Writes a state change and the events it causes in one `TransactWriteItems`: either both
 * land or neither does, so an event is never lost nor announced for a change that failed.
 */
export async function transactWithEvents(
  db: DynamoDBClient,
  table: string,
  writes: TransactWriteItem[],
  events: PendingEvent[],
): Promise<void> {
  const items: TransactWriteItem[] = [
    ...writes,
    ...events.map((e) => ({
      Put: {
        TableName: table,
        Item: outboxItem(e.def, e.detail),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
  ];
  await db.send(new TransactWriteItemsCommand({ TransactItems: items }));
}
