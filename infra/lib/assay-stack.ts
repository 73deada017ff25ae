import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { platformTables, services } from '@assay/manifests';
import type { TableDefinition } from '@assay/platform/manifest';
import { claimsTable, tenantsTable } from '@assay/platform/tables';
import { AssayHttpApi } from './http-api';
import { HandlerFunction } from './handler-function';
import { outboxEnrichmentEntry } from './handler-entries';
import { ManifestTable } from './manifest-table';
import { OutboxRelay } from './outbox-relay';
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

  constructor(scope: Construct, id: string, props: AssayStackProps) {
    super(scope, id, props);
    const { stage } = props;

    this.bus = new EventBus(this, 'Bus', { eventBusName: `assay-${stage.name}` });
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
      tables.set(manifest.table, service.table);
    }

    const outboxTables = [...tables].filter(([definition]) => definition.outbox);
    if (outboxTables.length > 0) {
      // Stateless and table-agnostic, so every relay of the stack shares it.
      const enrichment = new HandlerFunction(this, 'OutboxEnrichment', {
        entry: outboxEnrichmentEntry,
        description: 'Decodes outbox stream records into bus entries for the outbox relays',
        stage,
      }).fn;
      for (const [definition, table] of outboxTables) {
        new OutboxRelay(this, `OutboxRelay-${definition.name}`, { table, bus, enrichment, stage });
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: apiStage.url });
    new CfnOutput(this, 'EventBusName', { value: bus.eventBusName });
  }
}
