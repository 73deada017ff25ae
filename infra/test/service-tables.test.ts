import { App, Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import cdkNag from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { services } from '@assay/manifests';
import { tableName, type ServiceManifest, type TableDefinition } from '@assay/platform/manifest';
import { claimsTable, tenantsTable } from '@assay/platform/tables';
import { AssayHttpApi } from '../lib/http-api';
import { ManifestTable } from '../lib/manifest-table';
import { ServiceConstruct } from '../lib/service-construct';
import { stageNamed } from '../lib/stage';
import { REGIONS } from './synth';

// A service with an extra (streamless) table, built on its own so these checks do not wait for
// a real service to declare one; assay-stack.test.ts covers whatever the manifests declare.
const { AwsSolutionsChecks, ServerlessChecks } = cdkNag;

const saves: TableDefinition = {
  name: 'probe-saves',
  indexes: [{ name: 'bySubject', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  ttlAttribute: 'ttl',
  outbox: false,
};
// The session service's handlers and main table, plus the extra table.
const session = services.find((s) => s.name === 'session') as ServiceManifest;
const manifest: ServiceManifest = { ...session, extraTables: [saves] };

function synth(stageName: string, region: string, nag = false) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  const stack = new Stack(app, 'Probe', { env: { region } });
  const stage = stageNamed(stageName);
  const table = (definition: TableDefinition) =>
    new ManifestTable(stack, definition.name, { definition, stage }).table;
  const service = new ServiceConstruct(stack, 'Service', {
    manifest,
    stage,
    api: new AssayHttpApi(stack, 'Api', { stage }).api,
    bus: new EventBus(stack, 'Bus'),
    tenants: table(tenantsTable),
    claims: table(claimsTable),
  });
  return { app, stack, service, template: Template.fromStack(stack) };
}

const logicalId = (construct: IConstruct | undefined) =>
  construct && Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

describe.each(REGIONS)('a service with an extra table, in %s', (region) => {
  const { service, template } = synth('dev', region);
  const extra = service.tables.get(saves);

  it('keeps the main table first and its construct id, and adds the extra table', () => {
    expect([...service.tables.keys()]).toEqual([session.table, saves]);
    expect(service.table).toBe(service.tables.get(session.table));
    expect(service.table.node.path).toBe('Probe/Service/Table/Table');
    expect(extra?.node.path).toBe('Probe/Service/Table-probe-saves/Table');
  });

  it('protects it like the main table: encryption, PITR, TTL, declared indexes, and no stream', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: {
        TableName: tableName(saves, 'dev'),
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: false,
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'bySubject' })],
        StreamSpecification: Match.absent(),
      },
    });
    template.resourceCountIs('AWS::Pipes::Pipe', 0);
  });

  it("lets both of the service's functions read and write it", () => {
    const extraId = logicalId(extra);
    for (const fn of [service.httpFunction, service.eventsFunction]) {
      const roleId = template.toJSON().Resources[logicalId(fn) ?? ''].Properties.Role[
        'Fn::GetAtt'
      ][0] as string;
      const policies = Object.values(
        template.findResources('AWS::IAM::Policy', {
          Properties: { Roles: [{ Ref: roleId }] },
        }),
      );
      const statement = policies
        .flatMap(
          (p) => (p as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties,
        )
        .flatMap((p) => p.PolicyDocument.Statement)
        .find((st) => JSON.stringify(st).includes(`"${extraId}"`)) as { Action: string[] };
      expect(statement?.Action).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem']),
      );
    }
  });
});

describe('a service with an extra table, in prod', () => {
  it('retains and protects the extra table', () => {
    const { template } = synth('prod', 'eu-central-1');
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: { TableName: tableName(saves, 'prod'), DeletionProtectionEnabled: true },
    });
  });

  it('passes cdk-nag (its index wildcard acknowledged like the main table’s)', () => {
    const { app } = synth('prod', 'eu-central-1', true);
    expect(() => app.synth()).not.toThrow();
  });

  it('refuses an extra table declared with an outbox', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Broken');
    const stage = stageNamed('dev');
    const tables = [tenantsTable, claimsTable].map(
      (definition) => new ManifestTable(stack, definition.name, { definition, stage }).table,
    );
    expect(
      () =>
        new ServiceConstruct(stack, 'Service', {
          manifest: { ...manifest, extraTables: [{ ...saves, outbox: true }] },
          stage,
          api: new AssayHttpApi(stack, 'Api', { stage }).api,
          bus: new EventBus(stack, 'Bus'),
          tenants: tables[0]!,
          claims: tables[1]!,
        }),
    ).toThrow(/extraTables "probe-saves" with outbox: true/);
  });
});
