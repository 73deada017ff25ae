export {
  LocalScheduler,
  DEFAULT_JOB_RETRY,
  type JobHandler,
  type JobRetryPolicy,
  type LocalSchedulerOptions,
  type RunDueReport,
  type ScheduleRequest,
  type SchedulerLogEntry,
} from './local-scheduler';
export { InMemoryScheduleStore, type ScheduleStore, type ScheduledJob } from './schedule-store';
export { DynamoScheduleStore, LOCAL_SCHEDULES_TABLE } from './dynamo-schedule-store';
export { ManualClock, systemClock, type SchedulerClock } from './clock';
