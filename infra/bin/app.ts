import { App } from 'aws-cdk-lib';
import { addRegionalStacks } from '../lib/regional-stacks';
import { readStageConfig } from '../lib/stage';

// `cdk synth -c regions=us-east-1,eu-central-1 -c stage=dev`: context wins over
// infra/config/<stage>.json, which wins over the defaults (stage dev from cdk.json, us-east-1).
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const config = readStageConfig(stage);
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === '' ? undefined : String(value);
};
const regions = context('regions')
  ?.split(',')
  .map((region) => region.trim())
  .filter(Boolean) ??
  config.regions ?? ['us-east-1'];

addRegionalStacks(app, {
  stage,
  regions,
  account: process.env.CDK_DEFAULT_ACCOUNT,
  config: {
    ...config,
    ...(context('alarmEmail') ? { alarmEmail: context('alarmEmail') } : {}),
  },
});
