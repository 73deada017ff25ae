import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Construct, type IConstruct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import type { Stage } from './stage';

export interface SchedulesProps {
  serviceName: string;
  stage: Stage;
  bus: IEventBus;
  /** What a due schedule does (the manifest's `uses.schedules`). */
  target: 'put-events' | 'invoke-events-function';
}

/** The name of a service's events function where schedules invoke it (set, so it has no cycle). */
export const eventsFunctionName = (stage: Stage, serviceName: string) =>
  `assay-${stage.name}-${serviceName}-events`;

/**
 * One-time EventBridge Scheduler schedules for a service: a group of its own, and the one role
 * Scheduler assumes for its target. A `put-events` role may only put events on this stack's bus
 * (session deadlines); an `invoke-events-function` role may only invoke the service's own events
 * function (later webhook attempts) and send what it could not deliver to a dead-letter queue,
 * which is alarmed like every other.
 */
export class Schedules extends Construct {
  readonly groupName: string;
  /** Set for `put-events` schedules. */
  readonly role?: Role;
  /** Set for `invoke-events-function` schedules, with their dead-letter queue. */
  readonly invokeRole?: Role;
  readonly deadLetters?: DeadLetterQueue;
  /** The events function's ARN, from its fixed name: known before the function exists. */
  readonly targetArn?: string;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.groupName = `assay-${props.stage.name}-${props.serviceName}`;
    new CfnScheduleGroup(this, 'Group', { name: this.groupName });
    const assumedBy = () =>
      new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      });
    if (props.target === 'put-events') {
      this.role = new Role(this, 'TargetRole', {
        assumedBy: assumedBy(),
        description: `Lets ${this.groupName} schedules put their event on the bus`,
      });
      props.bus.grantPutEventsTo(this.role);
      return;
    }
    this.invokeRole = new Role(this, 'InvokeRole', {
      assumedBy: assumedBy(),
      description: `Lets ${this.groupName} schedules invoke ${props.serviceName}'s events function`,
    });
    this.deadLetters = new DeadLetterQueue(this, 'TargetDeadLetters', props.stage);
    this.deadLetters.queue.grantSendMessages(this.invokeRole);
    this.targetArn = Stack.of(this).formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: eventsFunctionName(props.stage, props.serviceName),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** The function the invoke role may call: the service's events function, nothing else. */
  allowInvoke(fn: IFunction): void {
    // The unqualified ARN only (grantInvoke would add `:*`, every version and alias).
    this.invokeRole?.addToPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
    );
  }

  /** Create/delete schedules in this group only, handing them this group's roles only. */
  grantManage(grantee: IGrantable): void {
    const { partition, region, account } = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [`arn:${partition}:scheduler:${region}:${account}:schedule/${this.groupName}/*`],
      }),
    );
    this.role?.grantPassRole(grantee.grantPrincipal);
    this.invokeRole?.grantPassRole(grantee.grantPrincipal);
    Validations.of(grantee.grantPrincipal as unknown as IConstruct).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:<AWS::AccountId>:schedule/${this.groupName}/*]`,
      reason:
        "Schedules are named per session or delivery attempt at run time; the grant is confined to this service's own group.",
    });
  }

  environment(bus: IEventBus): Record<string, string> {
    if (this.role) {
      return {
        ASSAY_EVENT_BUS_ARN: bus.eventBusArn,
        ASSAY_SCHEDULER_ROLE_ARN: this.role.roleArn,
        ASSAY_SCHEDULE_GROUP: this.groupName,
      };
    }
    return {
      ASSAY_SCHEDULE_GROUP: this.groupName,
      ASSAY_SCHEDULE_TARGET_ARN: this.targetArn!,
      ASSAY_SCHEDULER_INVOKE_ROLE_ARN: this.invokeRole!.roleArn,
      ASSAY_SCHEDULE_DLQ_ARN: this.deadLetters!.queue.queueArn,
    };
  }
}
