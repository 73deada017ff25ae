import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { allTables, services } from '@assay/manifests';
import { OUTBOX_SK_PREFIX } from '@assay/platform/outbox';
import { tableName } from '@assay/platform/manifest';
import type { ServiceManifest } from '@assay/platform/manifest';
import { claimsTable, tenantsTable } from '@assay/platform/tables';
import type { AssayStack } from '../lib/assay-stack';
import { handlerEntry } from '../lib/handler-entries';
import { REGIONS, synthStacks } from './synth';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
interface PipeProperties {
  Target: unknown;
  Enrichment: unknown;
  SourceParameters: {
    FilterCriteria: { Filters: [{ Pattern: string }] };
    DynamoDBStreamParameters: unknown;
  };
  TargetParameters: unknown;
}

const STAGE = 'dev';
const { stacks } = synthStacks(STAGE);

/** The template logical id of an L2 construct's resource. */
const logicalId = (construct: IConstruct | undefined) =>
  construct && Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
const asArray = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

/** Logical ids a piece of template refers to with Ref or Fn::GetAtt. */
function referencedIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'Ref' && typeof child === 'string') ids.add(child);
        else if (key === 'Fn::GetAtt' && Array.isArray(child)) ids.add(String(child[0]));
        else walk(child);
      }
    }
  };
  walk(value);
  return ids;
}

describe.each(REGIONS)('Assay stack for %s', (region) => {
  const stack = stacks.find((s) => s.region === region) as AssayStack;
  const template = Template.fromStack(stack);
  const resources = (type: string) =>
    Object.entries(template.findResources(type)) as [string, Resource][];
  const busId = logicalId(stack.bus);
  const tableIds = new Map([...stack.tables].map(([def, table]) => [def, logicalId(table)]));

  it('is pinned to the region asked for and refers to no other', () => {
    expect(stack.region).toBe(region);
    expect(stack.stackName).toBe(`Assay-${STAGE}-${region}`);
    const json = JSON.stringify(template.toJSON());
    for (const other of REGIONS.filter((r) => r !== region)) expect(json).not.toContain(other);
  });

  it('has one event bus named for the stage', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', { Name: `assay-${STAGE}` });
  });

  it('has every declared table as a regional table, configured as declared', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', allTables.length);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    for (const def of allTables) {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Delete',
        Properties: {
          TableName: tableName(def, STAGE),
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
          SSESpecification: { SSEEnabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: false,
          StreamSpecification: def.outbox ? { StreamViewType: 'NEW_IMAGE' } : Match.absent(),
          TimeToLiveSpecification: def.ttlAttribute
            ? { AttributeName: def.ttlAttribute, Enabled: true }
            : Match.absent(),
          GlobalSecondaryIndexes:
            def.indexes.length > 0
              ? def.indexes.map((index) =>
                  Match.objectLike({
                    IndexName: index.name,
                    KeySchema: [
                      { AttributeName: index.partitionKey, KeyType: 'HASH' },
                      { AttributeName: index.sortKey, KeyType: 'RANGE' },
                    ],
                  }),
                )
              : Match.absent(),
        },
      });
    }
  });

  it('runs every function on nodejs22.x arm64 with explicit memory and timeout', () => {
    const declared = services.flatMap((s) => Object.keys(s.handlers)).length;
    const relayEnrichment = allTables.some((t) => t.outbox) ? 1 : 0;
    template.resourceCountIs('AWS::Lambda::Function', declared + relayEnrichment);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
      Environment: { Variables: Match.objectLike({ ASSAY_STAGE: STAGE }) },
    });
  });

  it("routes exactly the manifests' routes, each to its own service's HTTP function", () => {
    const integrationTarget = new Map(
      resources('AWS::ApiGatewayV2::Integration').map(([id, r]) => [
        id,
        [...referencedIds(r.Properties.IntegrationUri)][0],
      ]),
    );
    const routes = resources('AWS::ApiGatewayV2::Route').map(([, r]) => ({
      key: r.Properties.RouteKey,
      fn: integrationTarget.get([...referencedIds(r.Properties.Target)][0] ?? ''),
    }));
    const expected = services.flatMap((s) =>
      s.routes.map((route) => ({
        key: `${route.method} ${route.path}`,
        fn: logicalId(stack.services.get(s.name)?.httpFunction),
      })),
    );
    const byKey = (a: { key: unknown }, b: { key: unknown }) =>
      String(a.key).localeCompare(String(b.key));
    expect(routes.sort(byKey)).toEqual(expected.sort(byKey));
  });

  it('throttles the API stage and logs its access', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingBurstLimit: Match.anyValue(),
        ThrottlingRateLimit: Match.anyValue(),
      },
      AccessLogSettings: { DestinationArn: Match.anyValue() },
    });
  });

  it('subscribes with one rule per subscription: contract pattern, bounded retries, a DLQ', () => {
    const rules = resources('AWS::Events::Rule');
    const subscriptions = services.flatMap((s) => s.subscribes.map((sub) => ({ s, sub })));
    expect(rules).toHaveLength(subscriptions.length);
    for (const { s, sub } of subscriptions) {
      // Several services may subscribe to one event: find this service's rule by its target.
      const fnId = logicalId(stack.services.get(s.name)?.eventsFunction);
      const [, rule] =
        rules.find(
          ([, r]) =>
            JSON.stringify(r.Properties.EventPattern) === JSON.stringify(sub.event.pattern) &&
            referencedIds((r.Properties.Targets as { Arn: unknown }[])[0]?.Arn).has(fnId ?? ''),
        ) ?? [];
      expect(rule, `rule for ${s.name} on ${sub.event.type}`).toBeDefined();
      expect(referencedIds(rule?.Properties.EventBusName)).toEqual(new Set([busId]));
      const targets = rule?.Properties.Targets as Record<string, unknown>[];
      expect(targets).toHaveLength(1);
      const [target] = targets as [
        Record<string, { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number }>,
      ];
      expect(referencedIds(target.Arn)).toEqual(
        new Set([logicalId(stack.services.get(s.name)?.eventsFunction)]),
      );
      expect(referencedIds(target.DeadLetterConfig).size).toBe(1);
      expect(target.RetryPolicy?.MaximumRetryAttempts).toBeLessThan(185);
      expect(target.RetryPolicy?.MaximumEventAgeInSeconds).toBeLessThan(24 * 3600);
    }
  });

  it('relays each outbox table to the bus through one filtered, enriched pipe with a DLQ', () => {
    const outboxTables = allTables.filter((t) => t.outbox);
    const pipes = resources('AWS::Pipes::Pipe');
    expect(pipes).toHaveLength(outboxTables.length);
    for (const def of outboxTables) {
      const [, pipe] =
        pipes.find(([, p]) => referencedIds(p.Properties.Source).has(tableIds.get(def) ?? '')) ??
        [];
      expect(pipe, `pipe for ${def.name}`).toBeDefined();
      const props = pipe?.Properties as unknown as PipeProperties;
      expect(referencedIds(props.Target)).toEqual(new Set([busId]));
      expect(props.Enrichment).toBeDefined();
      const source = props.SourceParameters;
      expect(JSON.parse(source.FilterCriteria.Filters[0].Pattern)).toEqual({
        eventName: ['INSERT'],
        dynamodb: { NewImage: { sk: { S: [{ prefix: OUTBOX_SK_PREFIX }] } } },
      });
      expect(source.DynamoDBStreamParameters).toMatchObject({
        OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
        MaximumRetryAttempts: expect.any(Number),
        DeadLetterConfig: { Arn: expect.anything() },
      });
      expect(props.TargetParameters).toEqual({
        EventBridgeEventBusParameters: { Source: '$.source', DetailType: '$.detailType' },
        InputTemplate: '<$.detail>',
      });
    }
  });

  it('lets only the outbox relays and declared schedules put events on the bus', () => {
    const pipeRoles = new Set([
      ...resources('AWS::Pipes::Pipe').flatMap(([, p]) => [...referencedIds(p.Properties.RoleArn)]),
      ...[...stack.services.values()].flatMap((s) =>
        s.schedules ? [logicalId(s.schedules.role)] : [],
      ),
    ]);
    const putters = resources('AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('events:PutEvents'),
    );
    expect(putters.length).toBeGreaterThan(0);
    for (const [, policy] of putters) {
      for (const role of referencedIds(policy.Properties.Roles)) expect(pipeRoles).toContain(role);
    }
  });

  it("keeps each service's functions to its own table, plus the tenant registry and claim checks", () => {
    const allTableIds = new Set(tableIds.values());
    const tenantsId = tableIds.get(tenantsTable);
    const claimsId = tableIds.get(claimsTable);
    const policyOf = (fn: IConstruct) => {
      const roleId = [
        ...referencedIds(template.toJSON().Resources[logicalId(fn) ?? ''].Properties.Role),
      ][0];
      return resources('AWS::IAM::Policy').find(([, p]) =>
        referencedIds(p.Properties.Roles).has(roleId ?? ''),
      );
    };
    const tablesIn = (policy: Resource | undefined) =>
      [...referencedIds(policy?.Properties.PolicyDocument)]
        .filter((id) => allTableIds.has(id))
        .sort();

    for (const manifest of services) {
      const service = stack.services.get(manifest.name);
      const own = tableIds.get(manifest.table);
      if (service?.httpFunction) {
        const [, policy] = policyOf(service.httpFunction) ?? [];
        const claims = manifest.publishes.length > 0 ? [claimsId] : [];
        expect(tablesIn(policy)).toEqual([own, tenantsId, ...claims].sort());
        const tenantStatements = (
          policy?.Properties.PolicyDocument as {
            Statement: { Action: string | string[]; Resource: unknown }[];
          }
        ).Statement.filter((st) => referencedIds(st.Resource).has(tenantsId ?? ''));
        const allowed = manifest.uses?.candidateTokens
          ? /^dynamodb:(BatchGet|Get|Query|Scan|Describe|ConditionCheck|PutItem$)/
          : /^dynamodb:(BatchGet|Get|Query|Scan|Describe|ConditionCheck)/;
        for (const st of tenantStatements) {
          for (const action of asArray(st.Action)) expect(action).toMatch(allowed);
        }
      }
      if (service?.eventsFunction) {
        const [, policy] = policyOf(service.eventsFunction) ?? [];
        expect(tablesIn(policy)).toEqual([own, claimsId].sort());
      }
    }
  });

  it('gives services that declare schedules their own group and a role limited to this bus', () => {
    const scheduling = services.filter((s) => s.uses?.schedules);
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', scheduling.length);
    for (const manifest of scheduling) {
      const service = stack.services.get(manifest.name);
      const groupName = service?.schedules?.groupName;
      template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: groupName });
      const fn = template.toJSON().Resources[logicalId(service?.eventsFunction) ?? ''];
      expect(fn.Properties.Environment.Variables.ASSAY_SCHEDULE_GROUP).toBe(groupName);
      const roleId = logicalId(service?.schedules?.role);
      const rolePolicies = resources('AWS::IAM::Policy').filter(([, p]) =>
        referencedIds(p.Properties.Roles).has(roleId ?? ''),
      );
      const actions = rolePolicies.flatMap(([, p]) =>
        (
          p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }
        ).Statement.flatMap((st) => asArray(st.Action)),
      );
      expect(actions).toEqual(['events:PutEvents']);
    }
  });

  it('encrypts every queue and refuses plain-text access to it', () => {
    const queues = resources('AWS::SQS::Queue');
    expect(queues.length).toBeGreaterThan(0);
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    const policies = resources('AWS::SQS::QueuePolicy');
    for (const [queueId] of queues) {
      const tlsOnly = policies.some(
        ([, p]) =>
          referencedIds(p.Properties.Queues).has(queueId) &&
          JSON.stringify(p.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"'),
      );
      expect(tlsOnly, `TLS-only policy on ${queueId}`).toBe(true);
    }
  });
});

describe('prod stage', () => {
  it('retains and protects every table', () => {
    const {
      stacks: [stack],
    } = synthStacks('prod', ['eu-central-1']);
    const template = Template.fromStack(stack as AssayStack);
    for (const def of allTables) {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        Properties: { TableName: tableName(def, 'prod'), DeletionProtectionEnabled: true },
      });
    }
  });
});

describe('handler entries', () => {
  it('names the manifest field when a declared entry file is missing', () => {
    const [content] = services as [ServiceManifest];
    const broken = { ...content, handlers: { http: 'src/handlers/missing.ts' } };
    expect(() => handlerEntry(broken, 'http')).toThrow(
      /declares handlers\.http = "src\/handlers\/missing\.ts"/,
    );
  });
});
