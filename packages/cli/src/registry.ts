import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dynamoClient, resetDynamoClient, TenantRegistry } from '@assay/platform';
import { CliError } from './cli-error';

export const STACK_FILE = 'stack.json';

/**
 * The tenant registry to manage: the one of the local stack `assay start` is running (found
 * through `<data>/stack.json`), or whatever the environment names (AWS_ENDPOINT_URL_DYNAMODB,
 * or AWS_REGION + ASSAY_STAGE for a deployed stage).
 */
export function openRegistry(dataDir = '.assay'): TenantRegistry {
  if (!process.env.AWS_ENDPOINT_URL_DYNAMODB && !process.env.AWS_REGION) {
    let stack: { dynamoEndpoint: string; stage: string };
    try {
      stack = JSON.parse(readFileSync(join(dataDir, STACK_FILE), 'utf8')) as typeof stack;
    } catch {
      throw new CliError(
        `no local stack found in ${dataDir}/: start one with \`npm start\`, or set AWS_REGION and ASSAY_STAGE for a deployed stage`,
      );
    }
    process.env.AWS_ENDPOINT_URL_DYNAMODB = stack.dynamoEndpoint;
    process.env.ASSAY_STAGE = stack.stage;
    process.env.ASSAY_REGION = 'local';
    resetDynamoClient();
  }
  return new TenantRegistry(dynamoClient());
}
