import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { allTables, serviceTables, services } from '@assay/manifests';
import { OUTBOX_SK_PREFIX } from '@assay/platform/outbox';
import { tableName } from '@assay/platform/manifest';
import type { ServiceManifest } from '@assay/platform/manifest';
import { claimsTable, tenantsTable } from '@assay/platform/tables';
import type { AssayStack } from '../lib/assay-stack';
import { HandlerFunction } from '../lib/handler-function';
import { ACCESS_LOG_FORMAT } from '../lib/http-api';
import { handlerEntry } from '../lib/handler-entries';
import { readStageConfig } from '../lib/stage';
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
    // Exactly the manifests' tables, services' extra tables included, and nothing else.
    const names = resources('AWS::DynamoDB::Table').map(([, t]) => t.Properties.TableName);
    expect(names.sort()).toEqual(allTables.map((def) => tableName(def, STAGE)).sort());
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

  it("enables TTL on every table holding candidates' personal data (tenant retention)", () => {
    // Session (invitations, sessions, answers), scoring (scorecards, interviews) and reporting
    // (facts, demographics) set `ttl` from the tenant's retention on every such item.
    // Extra tables of those services (session's answers) hold candidate data too.
    for (const name of ['session', 'scoring', 'reporting']) {
      for (const def of serviceTables(services.find((s) => s.name === name)!)) {
        expect(def.ttlAttribute, def.name).toBe('ttl');
        template.hasResourceProperties('AWS::DynamoDB::Table', {
          TableName: tableName(def, STAGE),
          TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        });
      }
    }
  });

  const handlers = stack.node
    .findAll()
    .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
  const handlerIds = new Set(handlers.map((h) => logicalId(h.fn)));

  it('runs every handler on nodejs22.x arm64, traced, with explicit memory, timeout and Powertools', () => {
    const declared = services.flatMap((s) => Object.keys(s.handlers)).length;
    const relayEnrichment = allTables.some((t) => t.outbox) ? 1 : 0;
    expect(handlers).toHaveLength(declared + relayEnrichment);
    for (const handler of handlers) {
      const fn = template.toJSON().Resources[logicalId(handler.fn) ?? ''];
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 10,
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        // JSON so Lambda filters by level: its own records at WARN (no START/END/REPORT), the
        // application at the stage's level (dev: DEBUG).
        LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'WARN', ApplicationLogLevel: 'DEBUG' },
        Environment: {
          Variables: expect.objectContaining({
            ASSAY_STAGE: STAGE,
            POWERTOOLS_SERVICE_NAME: handler.label.replace(/-[A-Za-z]+$/, ''),
            POWERTOOLS_LOG_LEVEL: 'DEBUG',
            NODE_OPTIONS: '--enable-source-maps',
          }),
        },
      });
    }
    // The only other function is CDK's deploy-time BucketDeployment handler.
    const others = resources('AWS::Lambda::Function').filter(([id]) => !handlerIds.has(id));
    expect(others.map(([id]) => id)).toEqual([expect.stringMatching(/^CustomCDKBucketDeployment/)]);
  });

  it('puts no secret value in any function environment', () => {
    const secretName = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE|CREDENTIAL/i;
    // Known key prefixes, or one long unbroken high-entropy word (paths and ARNs have separators).
    const secretValue = /^(ak_|sk_|whsec_|AKIA|ASIA|-----BEGIN)|^[A-Za-z0-9+=_-]{32,}$/;
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const variables = ((fn.Properties.Environment as { Variables?: object } | undefined)
        ?.Variables ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(variables)) {
        expect(name, `${id} ${name}`).not.toMatch(secretName);
        // References to other resources (Ref, GetAtt, Join) are names and ARNs, not secrets.
        if (typeof value === 'string') expect(value, `${id} ${name}`).not.toMatch(secretValue);
      }
    }
  });

  it("archives every event of the bus for replay, kept for the stage's retention", () => {
    template.resourceCountIs('AWS::Events::Archive', 1);
    const [[, archive]] = resources('AWS::Events::Archive') as [[string, Resource]];
    expect(archive.Properties.RetentionDays).toBe(7);
    expect(referencedIds(archive.Properties.SourceArn)).toEqual(new Set([busId]));
    expect(archive.Properties.EventPattern).toEqual({ account: [{ Ref: 'AWS::AccountId' }] });
  });

  it('gives every log group an explicit retention', () => {
    const groups = resources('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(handlers.length + 1);
    for (const [id, group] of groups) {
      expect(group.Properties.RetentionInDays, id).toBe(30);
      expect(group.DeletionPolicy, id).toBe('Delete');
    }
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

  it('throttles the API stage and logs its access as JSON', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingBurstLimit: Match.anyValue(),
        ThrottlingRateLimit: Match.anyValue(),
      },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
    const [[, stage]] = resources('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    const format = (stage.Properties.AccessLogSettings as { Format: string }).Format;
    expect(JSON.parse(format)).toEqual(ACCESS_LOG_FORMAT);
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId' });
    // Raw paths hold candidate tokens and e-mails (erasure requests): only route templates are logged.
    expect(format).not.toContain('$context.path');
  });

  it('serves the candidate page from a private bucket through CloudFront with OAC and security headers', () => {
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const [[, distribution]] = resources('AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties.DistributionConfig as {
      Origins: {
        S3OriginConfig?: unknown;
        OriginAccessControlId?: unknown;
        CustomOriginConfig?: { OriginProtocolPolicy: string };
      }[];
      DefaultCacheBehavior: { ViewerProtocolPolicy: string; ResponseHeadersPolicyId: unknown };
      CacheBehaviors: { PathPattern: string; ResponseHeadersPolicyId: unknown }[];
    };
    const s3Origin = config.Origins.find((o) => o.S3OriginConfig);
    expect(referencedIds(s3Origin?.OriginAccessControlId).size).toBe(1);
    expect(config.Origins.find((o) => o.CustomOriginConfig)?.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
    });
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.CacheBehaviors.map((b) => b.PathPattern)).toEqual(['/v1/*']);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'none'"),
            Override: true,
          },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: Match.anyValue(),
            IncludeSubdomains: true,
            Override: true,
          }),
        }),
      },
    });
    // The folder is zipped as an asset and copied in at deploy time.
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: 'take/assets/',
      SourceObjectKeys: [Match.stringLikeRegexp('\\.zip$')],
    });
    const webService = services.find(
      (m) =>
        stack.web &&
        stack.services.get(m.name)?.httpFunction &&
        template.toJSON().Resources[logicalId(stack.services.get(m.name)?.httpFunction) ?? '']
          .Properties.Environment.Variables.ASSAY_CANDIDATE_APP_URL,
    );
    expect(webService?.name).toBe('session');
  });

  it('alarms on every function, dead-letter queue, the API and every pipe, all to one encrypted topic', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const [[topicId, topic]] = resources('AWS::SNS::Topic') as [[string, Resource]];
    expect(JSON.stringify(topic.Properties.KmsMasterKeyId)).toContain('alias/aws/sns');
    const topicPolicy = resources('AWS::SNS::TopicPolicy').find(([, p]) =>
      referencedIds(p.Properties.Topics).has(topicId),
    );
    expect(JSON.stringify(topicPolicy?.[1].Properties.PolicyDocument)).toContain(
      '"aws:SecureTransport":"false"',
    );
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);

    const alarms = resources('AWS::CloudWatch::Alarm');
    for (const [id, alarm] of alarms) {
      expect(referencedIds(alarm.Properties.AlarmActions), id).toEqual(new Set([topicId]));
      expect(alarm.Properties.AlarmDescription, id).toMatch(/docs\/operations\.md/);
    }
    const on = (metricName: string, dimension: string) =>
      alarms
        .filter(([, a]) => a.Properties.MetricName === metricName)
        .flatMap(([, a]) => [
          ...referencedIds(
            (a.Properties.Dimensions as { Name: string; Value: unknown }[]).find(
              (d) => d.Name === dimension,
            )?.Value,
          ),
        ])
        .sort();
    const sorted = (ids: Iterable<string | undefined>) => [...ids].sort();
    expect(on('Errors', 'FunctionName')).toEqual(sorted(handlerIds));
    expect(on('Throttles', 'FunctionName')).toEqual(sorted(handlerIds));
    expect(on('ApproximateNumberOfMessagesVisible', 'QueueName')).toEqual(
      sorted(resources('AWS::SQS::Queue').map(([id]) => id)),
    );
    const metricsOf = (alarm: Resource) =>
      (alarm.Properties.Metrics ?? []) as {
        MetricStat?: {
          Metric: { Namespace: string; MetricName: string; Dimensions: { Value: unknown }[] };
        };
      }[];
    const mathAlarms = alarms.filter(([, a]) => a.Properties.Metrics);
    const api5xx = mathAlarms.filter(([, a]) =>
      metricsOf(a).some((m) => m.MetricStat?.Metric.MetricName === '5xx'),
    );
    expect(api5xx).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
    });
    const pipeIds = resources('AWS::Pipes::Pipe').map(([id]) => id);
    const pipeAlarms = mathAlarms.filter(([, a]) =>
      metricsOf(a).some((m) => m.MetricStat?.Metric.Namespace === 'AWS/EventBridge/Pipes'),
    );
    expect(
      pipeAlarms
        .flatMap(([, a]) => [
          ...referencedIds(
            metricsOf(a).find((m) => m.MetricStat?.Metric.MetricName === 'ExecutionFailed')
              ?.MetricStat?.Metric.Dimensions,
          ),
        ])
        .sort(),
    ).toEqual(pipeIds.sort());
    for (const [, a] of pipeAlarms) {
      const names = metricsOf(a).flatMap((m) =>
        m.MetricStat ? [m.MetricStat.Metric.MetricName] : [],
      );
      expect(names).toEqual(expect.arrayContaining(['ExecutionFailed', 'TargetStageFailed']));
    }
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

  it("keeps each service's functions to its own tables, plus the tenant registry and claim checks", () => {
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
      const own = serviceTables(manifest).map((def) => tableIds.get(def));
      if (service?.httpFunction) {
        const [, policy] = policyOf(service.httpFunction) ?? [];
        const claims = manifest.publishes.length > 0 ? [claimsId] : [];
        expect(tablesIn(policy)).toEqual([...own, tenantsId, ...claims].sort());
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
        expect(tablesIn(policy)).toEqual([...own, claimsId].sort());
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
      if (manifest.uses?.schedules !== 'put-events') {
        // Invoking schedules get no bus role (and bus-putting ones no invoke role or DLQ).
        expect(service?.schedules?.role).toBeUndefined();
        continue;
      }
      expect(service?.schedules?.invokeRole).toBeUndefined();
      expect(service?.schedules?.deadLetters).toBeUndefined();
      expect(
        template.toJSON().Resources[logicalId(service?.eventsFunction) ?? ''].Properties,
      ).not.toHaveProperty('FunctionName');
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

  it('books later webhook attempts as schedules that invoke the events function, with a least-privilege role and an alarmed DLQ', () => {
    const service = stack.services.get('reporting');
    const schedules = service?.schedules;
    expect(schedules, 'reporting declares uses.schedules').toBeDefined();
    const json = template.toJSON().Resources;
    const eventsFn = json[logicalId(service?.eventsFunction) ?? ''];
    expect(eventsFn.Properties.FunctionName).toBe(`assay-${STAGE}-reporting-events`);
    // Both functions book schedules (a failed test ping retries too) at that very function.
    for (const fn of [service?.httpFunction, service?.eventsFunction]) {
      const env = json[logicalId(fn) ?? ''].Properties.Environment.Variables;
      expect(JSON.stringify(env.ASSAY_SCHEDULE_TARGET_ARN)).toContain(
        `:function:assay-${STAGE}-reporting-events`,
      );
      expect(referencedIds(env.ASSAY_SCHEDULER_INVOKE_ROLE_ARN)).toEqual(
        new Set([logicalId(schedules?.invokeRole)]),
      );
      expect(referencedIds(env.ASSAY_SCHEDULE_DLQ_ARN)).toEqual(
        new Set([logicalId(schedules?.deadLetters?.queue)]),
      );
      expect(env.ASSAY_SCHEDULE_GROUP).toBe(schedules?.groupName);
    }
    // Scheduler may assume the invoke role only for this account…
    const role = json[logicalId(schedules?.invokeRole) ?? ''];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
    // …and with it only invoke the events function (unqualified) and dead-letter.
    const statements = resources('AWS::IAM::Policy')
      .filter(([, p]) => referencedIds(p.Properties.Roles).has(logicalId(schedules?.invokeRole)!))
      .flatMap(
        ([, p]) =>
          (
            p.Properties.PolicyDocument as {
              Statement: { Action: string | string[]; Resource: unknown }[];
            }
          ).Statement,
      );
    const actions = statements.flatMap((st) => asArray(st.Action)).sort();
    expect(actions).toEqual(
      [
        'lambda:InvokeFunction',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ].sort(),
    );
    const invoke = statements.find((st) => asArray(st.Action).includes('lambda:InvokeFunction'));
    expect(invoke?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(service?.eventsFunction), 'Arn'] });
    // The DLQ is watched like every other.
    const dlqAlarm = resources('AWS::CloudWatch::Alarm').find(
      ([, a]) =>
        a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        referencedIds(a.Properties.Dimensions).has(logicalId(schedules?.deadLetters?.queue)!),
    );
    expect(dlqAlarm?.[1].Properties.AlarmDescription).toMatch(/Dead-letter queue not empty/);
  });

  it('seals stored secrets with a rotating KMS key only reporting may use, and only for data keys', () => {
    const keyId = logicalId(stack.sealingKey.key);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const reporting = stack.services.get('reporting');
    const sealers = new Set(
      [reporting?.httpFunction, reporting?.eventsFunction].map((fn) => logicalId(fn)),
    );
    const json = template.toJSON().Resources;
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const env = (fn.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables;
      if (sealers.has(id))
        expect(referencedIds(env?.ASSAY_SEALING_KMS_KEY_ARN)).toEqual(new Set([keyId]));
      else expect(env?.ASSAY_SEALING_KMS_KEY_ARN, id).toBeUndefined();
    }
    const kmsStatements = resources('AWS::IAM::Policy').flatMap(([, p]) =>
      (
        p.Properties.PolicyDocument as {
          Statement: { Action: string | string[]; Resource: unknown }[];
        }
      ).Statement.filter((st) => referencedIds(st.Resource).has(keyId!)).map((st) => ({
        roles: referencedIds(p.Properties.Roles),
        st,
      })),
    );
    const sealerRoles = new Set(
      [...sealers].map((id) => [...referencedIds(json[id ?? ''].Properties.Role)][0]),
    );
    expect(kmsStatements.length).toBe(2);
    for (const { roles, st } of kmsStatements) {
      expect([...roles].every((r) => sealerRoles.has(r))).toBe(true);
      expect(asArray(st.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    }
  });

  it("tells reporting's functions the HTTP API's URL for links in payloads", () => {
    const reporting = stack.services.get('reporting');
    const apiId = logicalId(stack.node.findAll().find((c) => c.node.path.endsWith('HttpApi/Api')));
    for (const fn of [reporting?.httpFunction, reporting?.eventsFunction]) {
      const env = template.toJSON().Resources[logicalId(fn) ?? ''].Properties.Environment.Variables;
      // `https://<id>.execute-api.<region>.amazonaws.com`: known from the API, no cycle.
      expect(env.ASSAY_API_URL).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
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
  const {
    stacks: [stack],
  } = synthStacks('prod', ['eu-central-1']);
  const template = Template.fromStack(stack as AssayStack);

  it('keeps logs three months and events a year, and retains log groups', () => {
    template.allResourcesProperties('AWS::Events::Archive', { RetentionDays: 365 });
    template.allResources('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ RetentionInDays: 90 }),
    });
  });

  it("logs JSON with Lambda's own records at WARN and the application at the config's level", () => {
    const configured = readStageConfig('prod').logLevel;
    expect(configured).toBeDefined();
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const functions = (stack as AssayStack).node
      .findAll()
      .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    expect(functions.length).toBeGreaterThan(0);
    for (const { fn } of functions) {
      expect(resources[logicalId(fn) ?? '']?.Properties.LoggingConfig).toMatchObject({
        LogFormat: 'JSON',
        SystemLogLevel: 'WARN',
        ApplicationLogLevel: configured,
      });
    }
  });

  it('retains and protects every table', () => {
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
