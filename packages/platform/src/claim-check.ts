import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DeleteItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { dynamoClient } from './dynamo';
import { tableName } from './manifest';
import { claimsTable } from './tables';

/** An event detail above this many bytes carries a claim reference instead of the payload. */
export const CLAIM_CHECK_THRESHOLD_BYTES = 200 * 1024;
/** DynamoDB items stop at 400 KB; chunks stay well below, leaving room for keys. */
const CHUNK_BYTES = 350 * 1024;

/** Where a claimed payload is: content-addressed, so resolving it also proves it is intact. */
export interface ClaimRef {
  /** `sha256:<hex>` of the payload's UTF-8 bytes. */
  claimId: string;
  /** The payload's size (UTF-8 bytes). */
  bytes: number;
  /** Items it is stored in (gzipped, then cut at 350 KB). */
  chunks: number;
}

export class ClaimCheckError extends Error {}

/** True when an event detail is too large to travel on the bus as it is. */
export function needsClaimCheck(detail: unknown): boolean {
  return Buffer.byteLength(JSON.stringify(detail), 'utf8') > CLAIM_CHECK_THRESHOLD_BYTES;
}

/**
 * The writes that store `text` under the tenant, for the producer to put in the same
 * transaction as the event that references it (so a reference never points at nothing).
 * Writing the same payload twice writes the same items.
 */
export function claimWrites(
  tenantId: string,
  text: string,
  table = tableName(claimsTable),
): { ref: ClaimRef; writes: TransactWriteItem[] } {
  const bytes = Buffer.from(text, 'utf8');
  const claimId = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  // Stored gzipped: claims are written in transactions, billed twice per KB (JSON shrinks ~5×).
  const stored = gzipSync(bytes);
  const chunks = Math.max(1, Math.ceil(stored.length / CHUNK_BYTES));
  const writes = Array.from({ length: chunks }, (_, i) => ({
    Put: {
      TableName: table,
      Item: {
        pk: { S: claimPartition(tenantId, claimId) },
        sk: { S: chunkKey(i) },
        data: { B: stored.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES) },
        encoding: { S: 'gzip' },
      },
    },
  }));
  return { ref: { claimId, bytes: bytes.length, chunks }, writes };
}

/**
 * Reads a claimed JSON document back. Only the event's own tenant can be
 * asked for, and a missing chunk or a payload that does not match its hash throws.
 */
export async function resolveClaim<T = Record<string, unknown>>(
  tenantId: string,
  ref: ClaimRef,
  db: DynamoDBClient = dynamoClient(),
  table = tableName(claimsTable),
): Promise<T> {
  const parts: Uint8Array[] = [];
  let gzipped = false;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: claimPartition(tenantId, ref.claimId) } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      parts.push(item.data!.B!);
      // Claims written before they were compressed have no encoding.
      gzipped ||= item.encoding?.S === 'gzip';
    }
    start = page.LastEvaluatedKey;
  } while (start);
  const bytes = decode(Buffer.concat(parts), gzipped && parts.length === ref.chunks);
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (parts.length !== ref.chunks || actual !== ref.claimId) {
    throw new ClaimCheckError(
      `claim ${ref.claimId} of tenant ${tenantId}: found ${parts.length}/${ref.chunks} chunks hashing to ${actual}`,
    );
  }
  return JSON.parse(bytes.toString('utf8')) as T;
}

/**
 * Deletes a claimed payload (candidate erasure); returns the chunks that were there. An event
 * replayed later then fails to resolve its claim, which is what erasure asks for.
 */
export async function deleteClaim(
  tenantId: string,
  ref: ClaimRef,
  db: DynamoDBClient = dynamoClient(),
  table = tableName(claimsTable),
): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < ref.chunks; i++) {
    const out = await db.send(
      new DeleteItemCommand({
        TableName: table,
        Key: { pk: { S: claimPartition(tenantId, ref.claimId) }, sk: { S: chunkKey(i) } },
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (out.Attributes) deleted += 1;
  }
  return deleted;
}

/** Gunzips a complete claim; an incomplete one is left as it is, to fail the hash check. */
function decode(stored: Buffer, gzipped: boolean): Buffer {
  if (!gzipped) return stored;
  try {
    return gunzipSync(stored);
  } catch {
    return stored;
  }
}

function claimPartition(tenantId: string, claimId: string): string {
  return `T#${tenantId}#CLAIM#${claimId}`;
}

/** Zero-padded so chunks sort, and so read back, in order. */
function chunkKey(index: number): string {
  return `CHUNK#${String(index).padStart(5, '0')}`;
}
