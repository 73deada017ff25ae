import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { dynamoClient, resetDynamoClient } from '@assay/platform';
import { allTables } from '@assay/manifests';
import { createTables } from '../src/dynamodb/create-tables';

/**
 * Points this test file at the shared DynamoDB Local under a stage of its own and creates
 * every declared table there. Returns the client and the stage.
 */
export async function useTestTables() {
  const stage = `t${randomBytes(4).toString('hex')}`;
  process.env.ASSAY_STAGE = stage;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamoEndpoint');
  process.env.AWS_REGION = 'us-east-1';
  resetDynamoClient();
  const db = dynamoClient();
  await createTables(db, allTables, stage);
  return { db, stage, endpoint: inject('dynamoEndpoint') };
}
