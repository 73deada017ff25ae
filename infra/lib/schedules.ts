import { Stack, Validations } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Construct, type IConstruct } from 'constructs';
import type { Stage } from './stage';

export interface SchedulesProps {
  serviceName: string;
  stage: Stage;
  bus: IEventBus;
}

/**
 * One-time EventBridge Scheduler schedules for a service (e.g. session deadlines): a group of
 * its own, and a role Scheduler assumes that may only put events on this stack's bus.
 */
export class Schedules extends Construct {
  readonly groupName: string;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.groupName = `assay-${props.stage.name}-${props.serviceName}`;
    new CfnScheduleGroup(this, 'Group', { name: this.groupName });
    this.role = new Role(this, 'TargetRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Lets ${this.groupName} schedules put their event on the bus`,
    });
    props.bus.grantPutEventsTo(this.role);
  }

  /** Create/delete schedules in this group only, handing them this group's role only. */
  grantManage(grantee: IGrantable): void {
    const { partition, region, account } = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [`arn:${partition}:scheduler:${region}:${account}:schedule/${this.groupName}/*`],
      }),
    );
    this.role.grantPassRole(grantee.grantPrincipal);
    Validations.of(grantee.grantPrincipal as unknown as IConstruct).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:<AWS::AccountId>:schedule/${this.groupName}/*]`,
      reason:
        "Schedules are named per session at run time; the grant is confined to this service's own group.",
    });
  }

  environment(bus: IEventBus): Record<string, string> {
    return {
      ASSAY_EVENT_BUS_ARN: bus.eventBusArn,
      ASSAY_SCHEDULER_ROLE_ARN: this.role.roleArn,
      ASSAY_SCHEDULE_GROUP: this.groupName,
    };
  }
}
