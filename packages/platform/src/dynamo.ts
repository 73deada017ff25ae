import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

let shared: DynamoDBClient | undefined;

/**
 * One client per process. Honours `AWS_ENDPOINT_URL_DYNAMODB` (DynamoDB Local) and then uses
 * static dummy credentials, so the local stack never looks for an AWS profile.
 */
export function dynamoClient(): DynamoDBClient {
  if (shared) return shared;
  shared = new DynamoDBClient(localEndpoint('AWS_ENDPOINT_URL_DYNAMODB'));
  return shared;
}

/**
 * AWS SDK client options for a service the local stack emulates: when the named endpoint
 * variable is set, that endpoint with static dummy credentials (never an AWS profile); in AWS
 * nothing, so the client uses the function's region and role.
 */
export function localEndpoint(variable: `AWS_ENDPOINT_URL_${string}`) {
  const endpoint = process.env[variable];
  return endpoint
    ? {
        endpoint,
        region: process.env.AWS_REGION ?? 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : {};
}

/** Drops the cached client (tests that restart DynamoDB Local on another port). */
export function resetDynamoClient(): void {
  shared?.destroy();
  shared = undefined;
}
