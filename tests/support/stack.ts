import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalStack, type LocalStack } from '@assay/local';

/** The whole local stack on a free port, sharing the run's DynamoDB Local under its own stage. */
export function startTestStack(): Promise<LocalStack> {
  return startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    stage: `e${randomBytes(4).toString('hex')}`,
    port: 0,
  });
}
