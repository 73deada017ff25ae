// How every deployed function logs; HandlerFunction applies it. No CDK imports: the cost meter
// (packages/local/src/metering) reads the same values to bill Lambda's own log lines.

/** Lambda's log format: `JSON` is required for level filtering (Advanced Logging Controls). */
export type FunctionLogFormat = 'Text' | 'JSON';
/** Level of the lines Lambda itself writes (system logs); JSON format only. */
export type SystemLogLevel = 'DEBUG' | 'INFO' | 'WARN';

export interface FunctionLogging {
  format: FunctionLogFormat;
  systemLogLevel: SystemLogLevel;
}

/**
 * JSON, with Lambda's own lines at WARN: the per-invocation platform records (START/END/REPORT in
 * text, `platform.start`/`platform.report` in JSON) are INFO, so they are not written or billed.
 * Duration, memory and errors stay in Lambda's metrics. The application level (what Powertools
 * writes) is the stage's `logLevel` (infra/config/<stage>.json).
 */
export const FUNCTION_LOGGING: Readonly<FunctionLogging> = {
  format: 'JSON',
  systemLogLevel: 'WARN',
};

/** A record Lambda logs for every invocation: text lines, or JSON `platform.*` events. */
export type PlatformRecord = 'START' | 'END' | 'REPORT' | 'platform.start' | 'platform.report';

/** The platform records Lambda logs for each invocation under a logging configuration. */
export function platformRecordsPerInvocation(
  logging: FunctionLogging = FUNCTION_LOGGING,
): readonly PlatformRecord[] {
  // Text format cannot filter by level: START, END and REPORT always.
  if (logging.format === 'Text') return ['START', 'END', 'REPORT'];
  return logging.systemLogLevel === 'WARN' ? [] : ['platform.start', 'platform.report'];
}
