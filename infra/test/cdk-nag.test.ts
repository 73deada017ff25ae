import { App, Validations } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addRegionalStacks } from '../lib/regional-stacks';

// cdk-nag is CommonJS whose re-exports Node's ES module loader cannot name.
const { AwsSolutionsChecks } = cdkNag;

describe('AWS Solutions checks (cdk-nag)', () => {
  it('pass on a prod stack, with every acknowledged finding explained in the code', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    addRegionalStacks(app, { stage: 'prod', regions: ['eu-central-1'] });
    expect(() => app.synth()).not.toThrow();
  });
});
