import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { HttpProblem } from './problem';

/**
 * Opaque list cursors: DynamoDB's LastEvaluatedKey as base64url JSON. On the way back in the
 * cursor must belong to the caller's tenant partition, so a cursor can never cross tenants
 * (and a forged one is a 422, not a DynamoDB error).
 */
export function encodeCursor(key: Record<string, AttributeValue>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, tenantId: string): Record<string, AttributeValue> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<
      string,
      AttributeValue
    >;
    const pk = key.pk?.S;
    const sk = key.sk?.S;
    if (pk?.startsWith(`T#${tenantId}`) && sk && Object.keys(key).length === 2) return key;
  } catch {
    // fall through to the problem below
  }
  throw new HttpProblem(422, 'validation', 'Invalid request', 'Invalid fields: query/cursor', [
    { pointer: 'query/cursor', message: 'not a cursor this API returned to you' },
  ]);
}
