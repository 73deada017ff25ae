import type { App } from 'aws-cdk-lib';
import { AssayStack } from './assay-stack';
import { stageNamed, type StageConfig } from './stage';

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * One stack per region for a stage, each pinned to its region (data residency is explicit) and
 * named `Assay-<stage>-<region>`. The account stays environment-agnostic unless given.
 */
export function addRegionalStacks(
  app: App,
  props: { stage: string; regions: readonly string[]; account?: string; config?: StageConfig },
): AssayStack[] {
  const stage = stageNamed(props.stage, props.config);
  if (props.regions.length === 0) throw new Error('no region given');
  return props.regions.map((region) => {
    if (!REGION_NAME.test(region)) throw new Error(`"${region}" is not a region name`);
    return new AssayStack(app, `Assay-${stage.name}-${region}`, {
      stage,
      env: { account: props.account, region },
      description: `Assay ${stage.name} in ${region}`,
    });
  });
}
