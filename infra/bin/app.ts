import { App } from 'aws-cdk-lib';
import { addRegionalStacks } from '../lib/regional-stacks';

// `cdk synth -c regions=us-east-1,eu-central-1 -c stage=dev`; defaults are in cdk.json.
const app = new App();
addRegionalStacks(app, {
  stage: String(app.node.getContext('stage')),
  regions: String(app.node.getContext('regions'))
    .split(',')
    .map((region) => region.trim())
    .filter(Boolean),
  account: process.env.CDK_DEFAULT_ACCOUNT,
});
