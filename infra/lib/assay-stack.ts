import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { type Archive, EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { platformTables, services } from '@assay/manifests';
import type { TableDefinition } from '@assay/platform/manifest';
import { claimsTable, tenantsTable } from '@assay/platform/tables';
import { AssayHttpApi } from './http-api';
import { HandlerFunction } from './handler-function';
import { outboxEnrichmentEntry, webFolder } from './handler-entries';
import { CandidateWeb } from './candidate-web';
import { DeadLetterQueue } from './dead-letter-queue';
import { Observability } from './observability';
import { ManifestTable } from './manifest-table';
import { OutboxRelay } from './outbox-relay';
import { SealingKey } from './sealing-key';
import { ServiceConstruct } from './service-construct';
import type { Stage } from './stage';

export interface AssayStackProps extends StackProps {
  stage: Stage;
}

/**
 * Everything Assay runs in one region for one stage, built from the manifests. The stack holds
 * no reference to any other region: a tenant's data and events stay where its stack is.
 */
export class AssayStack extends Stack {
  readonly bus: EventBus;
  /** Every table of the region, platform and services alike, by its definition. */
  readonly tables = new Map<TableDefinition, Table>();
  readonly services = new Map<string, ServiceConstruct>();
  readonly archive: Archive;
  readonly relays: OutboxRelay[] = [];
  readonly web?: CandidateWeb;
  readonly observability: Observability;
  readonly sealingKey: SealingKey;

  constructor(scope: Construct, id: string, props: AssayStackProps) {
    super(scope, id, props);
    const { stage } = props;

    this.bus = new EventBus(this, 'Bus', { eventBusName: `assay-${stage.name}` });
    // Every event of this bus, kept for replay after a consumer bug (docs/operations.md).
    this.archive = this.bus.archive('Archive', {
      archiveName: `assay-${stage.name}`,
      description: `Every event on assay-${stage.name}, for replay`,
      eventPattern: { account: [this.account] },
      retention: Duration.days(stage.archiveRetentionDays),
    });
    const { bus, tables } = this;
    const { api, stage: apiStage } = new AssayHttpApi(this, 'HttpApi', { stage });

    for (const definition of platformTables) {
      const { table } = new ManifestTable(this, `Platform-${definition.name}`, {
        definition,
        stage,
      });
      tables.set(definition, table);
    }
    const tenants = tables.get(tenantsTable);
    const claims = tables.get(claimsTable);
    if (!tenants || !claims)
      throw new Error('platformTables must include the tenants and claims tables');

    for (const manifest of services) {
      const service = new ServiceConstruct(this, `Service-${manifest.name}`, {
        manifest,
        stage,
        api,
        bus,
        tenants,
        claims,
      });
      this.services.set(manifest.name, service);
      for (const [definition, table] of service.tables) tables.set(definition, table);
    }

    // Reporting stores webhook signing secrets and Greenhouse partner keys, sealed with this key.
    this.sealingKey = new SealingKey(this, 'SealingKey', {
      stage,
      purpose: 'envelope encryption of webhook secrets and integration keys',
    });
    const reporting = this.services.get('reporting');
    for (const fn of [reporting?.httpFunction, reporting?.eventsFunction]) {
      if (fn) this.sealingKey.grantSealing(fn);
    }

    const outboxTables = [...tables].filter(([definition]) => definition.outbox);
    if (outboxTables.length > 0) {
      // Stateless and table-agnostic, so every relay of the stack shares it.
      const enrichment = new HandlerFunction(this, 'OutboxEnrichment', {
        entry: outboxEnrichmentEntry,
        description: 'Decodes outbox stream records into bus entries for the outbox relays',
        serviceName: 'outbox-relay',
        stage,
      }).fn;
      for (const [definition, table] of outboxTables) {
        this.relays.push(
          new OutboxRelay(this, `OutboxRelay-${definition.name}`, {
            table,
            bus,
            enrichment,
            stage,
          }),
        );
      }
    }

    const webServices = services.filter((manifest) => webFolder(manifest));
    if (webServices.length > 1) {
      throw new Error(`only one service may have a web/ page: ${webServices.map((m) => m.name)}`);
    }
    const [webService] = webServices;
    if (webService) {
      this.web = new CandidateWeb(this, 'CandidateWeb', {
        stage,
        api,
        source: webFolder(webService) as string,
      });
      // Invitation links point at the distribution, which also serves the API under /v1/*.
      this.services
        .get(webService.name)
        ?.httpFunction?.addEnvironment('ASSAY_CANDIDATE_APP_URL', this.web.url);
      new CfnOutput(this, 'CandidateAppUrl', { value: this.web.url });
    }

    // Alarms cover every function and dead-letter queue of the stack, whoever added it.
    const label = (construct: { node: { path: string } }) =>
      construct.node.path.split('/').slice(1).join('-');
    const constructs = this.node.findAll();
    this.observability = new Observability(this, 'Observability', {
      stage,
      api,
      functions: constructs
        .filter((c): c is HandlerFunction => c instanceof HandlerFunction)
        .map((h) => ({ fn: h.fn, label: h.label })),
      queues: constructs
        .filter((c): c is DeadLetterQueue => c instanceof DeadLetterQueue)
        .map((q) => ({ queue: q.queue, label: label(q) })),
      pipes: this.relays.map((relay) => ({ pipe: relay.pipe, label: label(relay) })),
    });

    new CfnOutput(this, 'ApiUrl', { value: apiStage.url });
    new CfnOutput(this, 'EventBusName', { value: bus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
  }
}
