import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { Stage } from './stage';

/** Fields of every access log line: one JSON object per request. */
export const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  // The route template only: raw paths carry candidate tokens and erasure subjects (e-mails).
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  userAgent: '$context.identity.userAgent',
};

/** Defaults for every route and caller together; per-tenant limits belong to the handlers. */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 };

/** The region's one public HTTP API; services add their manifest routes to it. */
export class AssayHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: `assay-${props.stage.name}`,
      // The default stage is declared below so it can carry throttling and access logs.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
      },
    });
    Validations.of(this.stage).acknowledge({
      id: 'Serverless::Serverless-APIGWXrayEnabled',
      reason:
        'HTTP APIs do not support X-Ray tracing; each function traces its own invocation (Tracing.ACTIVE).',
    });
  }
}
