import { App, Validations } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addRegionalStacks } from '../lib/regional-stacks';

// cdk-nag is CommonJS whose re-exports Node's ES module loader cannot name.
const { AwsSolutionsChecks, ServerlessChecks } = cdkNag;

describe('cdk-nag rule packs', () => {
  it('AWS Solutions and Serverless pass on a prod stack, every acknowledgement explained in the code', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    // With an alarm mail, so the subscription and its dead-letter queue are checked too.
    addRegionalStacks(app, {
      stage: 'prod',
      regions: ['eu-central-1'],
      config: { alarmEmail: 'ops@example.com' },
    });
    expect(() => app.synth()).not.toThrow();
  });
});
