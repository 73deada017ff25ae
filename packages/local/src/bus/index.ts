export { compilePattern, type EventMatcher } from './pattern';
export { PatternError, InvalidPatternError, UnsupportedPatternError } from './pattern-errors';
export {
  LocalEventBus,
  LOCAL_ACCOUNT,
  LOCAL_BACKOFF,
  LOCAL_RETRY_POLICY,
  type LocalEventBusOptions,
} from './event-bus';
export type { Backoff } from './backoff';
export { DEAD_LETTER_FILE, readDeadLetters } from './dead-letter-file';
export { writeFileDurably } from './durable-file';
export {
  PutEventsValidationError,
  MAX_ENTRY_BYTES,
  MAX_ENTRIES_PER_REQUEST,
  entrySize,
} from './put-events-validation';
export {
  createPutEventsHandler,
  startPutEventsServer,
  type PutEventsServer,
} from './put-events-http';
export type {
  BusLogEntry,
  BusRule,
  BusStats,
  DeadLetter,
  EventBridgeEvent,
  PutEventsRequestEntry,
  PutEventsResult,
  PutEventsResultEntry,
  RetryPolicy,
} from './types';
