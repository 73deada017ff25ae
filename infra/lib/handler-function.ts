import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import type { IDestination } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTION_LOGGING } from './function-logging';
import { functionMemoryMb } from './function-memory';
import { repoRoot } from './handler-entries';
import type { Stage } from './stage';

export interface HandlerFunctionProps {
  entry: string;
  description: string;
  /** POWERTOOLS_SERVICE_NAME: the manifest's service name (`outbox-relay` for the relay's). */
  serviceName: string;
  stage: Stage;
  /** Resource names the code cannot derive from the stage (ARNs of generated resources). */
  environment?: Record<string, string>;
  /** Where asynchronous invocations go after Lambda's own retries (events handlers). */
  onFailure?: IDestination;
  /** A fixed name, only where others must know the ARN before the function exists. */
  functionName?: string;
}

const bundler = fileURLToPath(new URL('bundle-handler.mjs', import.meta.url));

/**
 * The handler's code: `index.mjs` (minified ES module) and its source map, built by
 * bundle-handler.mjs with the repository's esbuild, never in Docker.
 */
function handlerCode(entry: string): Code {
  return Code.fromAsset(path.dirname(entry), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the API, never pulled: local bundling either succeeds or fails the synth.
      image: DockerImage.fromRegistry('assay/local-esbuild-only'),
      // Also keys CDK's asset cache: two handlers of one folder must not share a bundle.
      command: [
        'node',
        'infra/lib/bundle-handler.mjs',
        path.relative(repoRoot, entry),
        '/asset-output',
      ],
      local: {
        tryBundle(outputDir: string): boolean {
          const run = spawnSync(process.execPath, [bundler, entry, outputDir], {
            cwd: repoRoot,
            stdio: ['ignore', 'inherit', 'inherit'],
          });
          if (run.status !== 0) {
            throw new Error(`bundling ${path.relative(repoRoot, entry)} failed (${run.status})`);
          }
          return true;
        },
      },
    },
  });
}

/**
 * Lambda's log format and levels (function-logging.ts): Lambda drops its own INFO records and the
 * application lines under the stage's level. Powertools writes JSON with a `level` field, which
 * is what Lambda filters on, and adopts the level Lambda passes it (AWS_LAMBDA_LOG_LEVEL).
 */
function logLevels(stage: Stage) {
  if (FUNCTION_LOGGING.format === 'Text') return { loggingFormat: LoggingFormat.TEXT };
  return {
    loggingFormat: LoggingFormat.JSON,
    systemLogLevelV2: SystemLogLevel[FUNCTION_LOGGING.systemLogLevel],
    applicationLogLevelV2: ApplicationLogLevel[stage.logLevel],
  };
}

/** One Lambda built from a TypeScript entry with the platform's runtime, sizing and bundling. */
export class HandlerFunction extends Construct {
  readonly fn: LambdaFunction;
  /** Short name for alarms and dashboards: `<service>-<construct id>`. */
  readonly label: string;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.label = `${props.serviceName}-${id}`;
    // An explicit log group (not the deprecated logRetention custom resource) so retention and
    // removal are ordinary template properties.
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });
    // Its own role, allowed to write only its own log group (instead of the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to any log group of the account).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);
    this.fn = new LambdaFunction(this, 'Function', {
      role,
      ...(props.functionName ? { functionName: props.functionName } : {}),
      code: handlerCode(props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: functionMemoryMb(this.label),
      timeout: Duration.seconds(10),
      logGroup,
      ...logLevels(props.stage),
      tracing: Tracing.ACTIVE,
      // Table names derive from the stage (tableName() in the platform), as they do locally.
      environment: {
        ASSAY_STAGE: props.stage.name,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.stage.logLevel,
        POWERTOOLS_METRICS_NAMESPACE: 'Assay',
        ...props.environment,
      },
      ...(props.onFailure ? { onFailure: props.onFailure, retryAttempts: 2 } : {}),
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'nodejs22.x is the platform runtime all handlers are built and tested for; moving to a newer one is a deliberate platform change.',
    });
    Validations.of(this.fn).acknowledge({
      id: 'Serverless::Serverless-LambdaLatestVersion',
      reason:
        'nodejs22.x is the platform runtime all handlers are built and tested for; moving to a newer one is a deliberate platform change.',
    });
    // Tracing.ACTIVE grants xray:PutTraceSegments and xray:PutTelemetryRecords, which have no
    // resource-level permissions.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords accept only "*" as their resource.',
    });
    Validations.of(role).acknowledge({
      id: 'Serverless::Serverless-LambdaStarPermissions',
      reason:
        "The only wildcards are X-Ray (no resource-level permissions) and the own table's indexes (`<table>/index/*`); every other statement names its resource.",
    });
    if (!props.onFailure) {
      Validations.of(this.fn).acknowledge({
        id: 'Serverless::Serverless-LambdaAsyncFailureDestination',
        reason:
          'Invoked synchronously only (API Gateway, or the outbox Pipe which has its own dead-letter queue); there is no asynchronous invocation to fail.',
      });
      Validations.of(this.fn).acknowledge({
        id: 'Serverless::Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously only (API Gateway, or the outbox Pipe which has its own dead-letter queue); callers see and retry failures.',
      });
    } else {
      Validations.of(this.fn).acknowledge({
        id: 'Serverless::Serverless-LambdaDLQ',
        reason:
          'Asynchronous failures go to an on-failure destination (the service dead-letter queue), which also records the error; a second legacy DLQ would duplicate it.',
      });
    }
  }
}
