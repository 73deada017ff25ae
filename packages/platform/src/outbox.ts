import {
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { EventDefinition, EventDetail } from '@assay/events';

/** Outbox items live beside the state they describe and expire a week after being written. */
export const OUTBOX_SK_PREFIX = 'OUTBOX#';
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

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
    pk: { S: `T#${d.tenantId}#OUTBOX` },
    sk: { S: `${OUTBOX_SK_PREFIX}${d.eventId}` },
    source: { S: def.source },
    detailType: { S: def.type },
    detail: { S: JSON.stringify(detail) },
    ttl: { N: String(Math.floor(Date.parse(d.occurredAt) / 1000) + OUTBOX_TTL_SECONDS) },
  };
}

/** Reads an outbox entry back from a stream record's NewImage; null for any other item. */
export function outboxEntryFromImage(
  image: Record<string, AttributeValue> | undefined,
): OutboxEntry | null {
  const sk = image?.sk?.S;
  if (!image || !sk?.startsWith(OUTBOX_SK_PREFIX)) return null;
  const source = image.source?.S;
  const detailType = image.detailType?.S;
  const detail = image.detail?.S;
  if (!source || !detailType || !detail) return null;
  return { source, detailType, detail: JSON.parse(detail) as Record<string, unknown> };
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
