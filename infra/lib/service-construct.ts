import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Function as HandlerLambda } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import { serviceTables } from '@assay/manifests';
import type { ServiceManifest, TableDefinition } from '@assay/platform/manifest';
import { DeadLetterQueue } from './dead-letter-queue';
import { handlerEntry } from './handler-entries';
import { HandlerFunction } from './handler-function';
import { ManifestTable } from './manifest-table';
import { eventsFunctionName, Schedules } from './schedules';
import type { Stage } from './stage';

export interface ServiceConstructProps {
  manifest: ServiceManifest;
  stage: Stage;
  api: HttpApi;
  bus: IEventBus;
  /** The tenant registry, read by every HTTP handler to resolve API keys. */
  tenants: ITable;
  /** The claim-check store: producers write oversized event payloads, consumers read them. */
  claims: ITable;
}

// EventBridge retries only failed deliveries (throttling, Lambda unavailable): enough to ride out
// an outage of a few hours, bounded so a stuck event reaches the dead-letter queue the same day.
const DELIVERY_MAX_AGE = Duration.hours(6);
const DELIVERY_RETRIES = 60;

/** One service from its manifest: its tables, its HTTP routes and its event subscriptions. */
export class ServiceConstruct extends Construct {
  /** The main table (its stream feeds the outbox relay when it holds an outbox). */
  readonly table: Table;
  /** Every table of the service by its definition: the main one, then its streamless extras. */
  readonly tables = new Map<TableDefinition, Table>();
  readonly httpFunction?: HandlerLambda;
  readonly eventsFunction?: HandlerLambda;
  readonly schedules?: Schedules;

  constructor(scope: Construct, id: string, props: ServiceConstructProps) {
    super(scope, id);
    const { manifest } = props;
    for (const definition of serviceTables(manifest)) {
      // The main table keeps its construct id (a new logical id would replace the table).
      const id = definition === manifest.table ? 'Table' : `Table-${definition.name}`;
      const { table } = new ManifestTable(this, id, { definition, stage: props.stage });
      this.tables.set(definition, table);
    }
    this.table = this.tables.get(manifest.table) as Table;

    // Created before the functions so their environment can name the group and roles.
    this.schedules = manifest.uses?.schedules
      ? new Schedules(this, 'Schedules', {
          serviceName: manifest.name,
          stage: props.stage,
          bus: props.bus,
          target: manifest.uses.schedules,
        })
      : undefined;

    const httpEntry = handlerEntry(manifest, 'http');
    if (httpEntry) this.httpFunction = this.addHttpHandler(httpEntry, props);
    else if (manifest.routes.length > 0) {
      throw new Error(`service "${manifest.name}" declares routes but no handlers.http`);
    }

    const eventsEntry = handlerEntry(manifest, 'events');
    if (eventsEntry) this.eventsFunction = this.addEventsHandler(eventsEntry, props);
    else if (manifest.subscribes.length > 0) {
      throw new Error(`service "${manifest.name}" subscribes to events but has no handlers.events`);
    }
  }

  private addHttpHandler(entry: string, props: ServiceConstructProps): HandlerLambda {
    const { manifest } = props;
    const { fn } = new HandlerFunction(this, 'HttpHandler', {
      entry,
      description: `${manifest.name} HTTP routes`,
      serviceName: manifest.name,
      stage: props.stage,
      environment: this.environment(props),
    });
    this.grantOwnTables(fn);
    // An HTTP operation may book a schedule too (a webhook test ping that failed retries).
    this.schedules?.grantManage(fn);
    props.tenants.grantReadData(fn);
    if (manifest.uses?.candidateTokens) {
      // Issuing a token is one conditional PutItem; nothing else in the registry is writable.
      props.tenants.grant(fn, 'dynamodb:PutItem');
    }
    if (manifest.publishes.length > 0) props.claims.grantWriteData(fn);
    this.acknowledgeIndexWildcard(fn);

    const integration = new HttpLambdaIntegration(`${manifest.name}Integration`, fn);
    for (const route of manifest.routes) {
      const httpRoute = new HttpRoute(this, route.operationId, {
        httpApi: props.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
      });
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions::AwsSolutions-APIG4',
        reason: `Auth "${route.auth.kind}" is declared in the manifest and enforced by the platform's handler middleware against the tenant registry.`,
      });
    }
    return fn;
  }

  private addEventsHandler(entry: string, props: ServiceConstructProps): HandlerLambda {
    const { manifest } = props;
    // One queue for the service's subscriptions: deliveries EventBridge gave up on, and
    // invocations the handler still failed after Lambda's asynchronous retries.
    const deadLetters = new DeadLetterQueue(this, 'EventDeadLetters', props.stage);
    const { fn } = new HandlerFunction(this, 'EventsHandler', {
      entry,
      description: `${manifest.name} event subscriptions`,
      serviceName: manifest.name,
      stage: props.stage,
      onFailure: new SqsDestination(deadLetters.queue),
      environment: this.environment(props),
      // Schedules invoke it by an ARN built from this name (its own ARN would be a cycle).
      functionName: this.schedules?.invokeRole
        ? eventsFunctionName(props.stage, manifest.name)
        : undefined,
    });
    this.grantOwnTables(fn);
    this.schedules?.grantManage(fn);
    this.schedules?.allowInvoke(fn);
    props.claims.grantReadData(fn);
    if (manifest.publishes.length > 0) props.claims.grantWriteData(fn);
    this.acknowledgeIndexWildcard(fn);

    for (const subscription of manifest.subscribes) {
      const { event } = subscription;
      new Rule(this, `On ${event.type}`, {
        eventBus: props.bus,
        description: `${event.type} v${event.version} to ${manifest.name}.${subscription.handler}`,
        eventPattern: event.cdkPattern,
        targets: [
          new LambdaFunction(fn, {
            deadLetterQueue: deadLetters.queue,
            maxEventAge: DELIVERY_MAX_AGE,
            retryAttempts: DELIVERY_RETRIES,
          }),
        ],
      });
    }
    return fn;
  }

  /** What every function of the service is told: the API's URL (links) and its schedules. */
  private environment(props: ServiceConstructProps): Record<string, string> {
    return {
      ASSAY_API_URL: props.api.apiEndpoint,
      ...this.schedules?.environment(props.bus),
    };
  }

  /** Read/write on every table of this service, and on no other service's. */
  private grantOwnTables(fn: HandlerLambda): void {
    for (const table of this.tables.values()) table.grantReadWriteData(fn);
  }

  /** Table grants cover each own table's GSIs as `<table>/index/*`: no other table is reachable. */
  private acknowledgeIndexWildcard(fn: HandlerLambda): void {
    // The grant lands in the role's default policy, so that is where the finding is.
    if (!fn.role) return;
    for (const table of this.tables.values()) {
      if (table.node.defaultChild === undefined) continue;
      const tableId = Stack.of(this).getLogicalId(table.node.defaultChild as CfnElement);
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        reason:
          "Queries on this service's own tables' secondary indexes; no other table is covered.",
      });
    }
  }
}
