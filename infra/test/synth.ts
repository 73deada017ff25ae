import { App } from 'aws-cdk-lib';
import { addRegionalStacks } from '../lib/regional-stacks';

export const REGIONS = ['us-east-1', 'eu-central-1'] as const;

/**
 * The stacks bin/app.ts builds, with asset bundling skipped: these tests read templates, and
 * bundling.test.ts proves bundling on its own.
 */
export function synthStacks(stage: string, regions: readonly string[] = REGIONS) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return { app, stacks: addRegionalStacks(app, { stage, regions }) };
}
