import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

let shared: DynamoDBClient | undefined;

/**
 * One client per process. Honours `AWS_ENDPOINT_URL_DYNAMODB` (DynamoDB Local) and then uses
 * static dummy credentials, so the local stack never looks for an AWS profile.
 */
export function dynamoClient(): DynamoDBClient {
  if (shared) return shared;
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  shared = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {},
  );
  return shared;
}

/** Drops the cached client (tests that restart DynamoDB Local on another port). */
export function resetDynamoClient(): void {
  shared?.destroy();
  shared = undefined;
}
