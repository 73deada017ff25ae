import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { IDestination } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lockFile, repoRoot } from './handler-entries';
import type { Stage } from './stage';

export interface HandlerFunctionProps {
  entry: string;
  description: string;
  stage: Stage;
  /** Resource names the code cannot derive from the stage (ARNs of generated resources). */
  environment?: Record<string, string>;
  /** Where asynchronous invocations go after Lambda's own retries (events handlers). */
  onFailure?: IDestination;
}

/** One Lambda built from a TypeScript entry with the platform's runtime, sizing and bundling. */
export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    // An explicit log group (not the deprecated logRetention custom resource) so retention and
    // removal are ordinary template properties.
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.stage.removalPolicy,
    });
    // Its own role, allowed to write only its own log group (instead of the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to any log group of the account).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);
    this.fn = new NodejsFunction(this, 'Function', {
      role,
      entry: props.entry,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup,
      // Table names derive from the stage (tableName() in the platform), as they do locally.
      environment: {
        ASSAY_STAGE: props.stage.name,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      ...(props.onFailure ? { onFailure: props.onFailure, retryAttempts: 2 } : {}),
      projectRoot: repoRoot,
      depsLockFilePath: lockFile,
      bundling: {
        // Local esbuild only: there is no Docker engine where this synthesizes.
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // Bundled CommonJS dependencies may still call require(); give the ES module one.
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'nodejs22.x is the platform runtime all handlers are built and tested for; moving to a newer one is a deliberate platform change.',
    });
  }
}
