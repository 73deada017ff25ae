import {
  ConditionalCheckFailedException,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * Writes an item only if its key is new: the idempotency primitive of event consumers.
 * Resolves false when the item was already there (a redelivered or replayed event).
 */
export async function putOnce(
  db: DynamoDBClient,
  table: string,
  item: Record<string, AttributeValue>,
): Promise<boolean> {
  try {
    await db.send(
      new PutItemCommand({
        TableName: table,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
