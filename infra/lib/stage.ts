import { RemovalPolicy } from 'aws-cdk-lib';

/** How a stage treats state: prod keeps tables and logs when the stack goes; other stages clean up. */
export interface Stage {
  name: string;
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
}

// The stage becomes part of table, bus and API names, so keep it short and name-safe.
const STAGE_NAME = /^[a-z][a-z0-9]{1,11}$/;

export function stageNamed(name: string): Stage {
  if (!STAGE_NAME.test(name)) {
    throw new Error(`stage "${name}" must match ${STAGE_NAME} (it becomes part of resource names)`);
  }
  const prod = name === 'prod';
  return {
    name,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
  };
}
