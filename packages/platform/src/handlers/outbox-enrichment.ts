import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { outboxEntryFromImage } from '../outbox';
import type { OutboxEntry } from '../outbox';

/**
 * Enrichment step of the outbox relay (EventBridge Pipe, table stream → bus). The pipe's filter
 * already passed only inserted `OUTBOX#` items; each becomes the OutboxEntry whose fields the
 * pipe's target maps to Source, DetailType and Detail. Returning fewer items than received drops
 * the rest, so anything that is not an outbox entry never reaches the bus.
 */
export async function handler(records: DynamoDBRecord[]): Promise<OutboxEntry[]> {
  return records.flatMap((record) => {
    // The stream's image type from aws-lambda and the SDK's AttributeValue describe the same JSON.
    const entry = outboxEntryFromImage(
      record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined,
    );
    return entry ? [entry] : [];
  });
}
