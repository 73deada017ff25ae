import { existsSync, readFileSync } from 'node:fs';
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** How a stage treats state: prod keeps tables and logs when the stack goes; other stages clean up. */
export interface Stage {
  name: string;
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  /** Retention of function, API access and alarm-topic logs. */
  logRetention: RetentionDays;
  /** How long the bus archive keeps every event for replay. */
  archiveRetentionDays: number;
  /** Application log level of every function (Lambda filters on it; POWERTOOLS_LOG_LEVEL). */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Subscribed to the alarm topic when given (an operator confirms the subscription by mail). */
  alarmEmail?: string;
}

/**
 * Optional per-stage settings, `infra/config/<stage>.json`; context (`-c key=value`) wins over
 * the file, the file over the defaults below.
 */
export interface StageConfig {
  regions?: string[];
  logRetentionDays?: number;
  archiveRetentionDays?: number;
  logLevel?: Stage['logLevel'];
  alarmEmail?: string;
}

// The stage becomes part of table, bus and API names, so keep it short and name-safe.
const STAGE_NAME = /^[a-z][a-z0-9]{1,11}$/;
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

export function stageConfigFile(name: string): URL {
  return new URL(`../config/${name}.json`, import.meta.url);
}

/** The stage's config file, or {} when there is none. */
export function readStageConfig(name: string): StageConfig {
  const file = stageConfigFile(name);
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as StageConfig;
}

export function stageNamed(name: string, config: StageConfig = {}): Stage {
  if (!STAGE_NAME.test(name)) {
    throw new Error(`stage "${name}" must match ${STAGE_NAME} (it becomes part of resource names)`);
  }
  const prod = name === 'prod';
  const logRetentionDays = config.logRetentionDays ?? (prod ? 90 : 30);
  if (!Object.values(RetentionDays).includes(logRetentionDays)) {
    throw new Error(`logRetentionDays ${logRetentionDays} is not a CloudWatch Logs retention`);
  }
  const logLevel = config.logLevel ?? (prod ? 'INFO' : 'DEBUG');
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`logLevel must be one of ${LOG_LEVELS}`);
  const archiveRetentionDays = config.archiveRetentionDays ?? (prod ? 365 : 7);
  if (!Number.isInteger(archiveRetentionDays) || archiveRetentionDays < 1) {
    throw new Error('archiveRetentionDays must be a whole number of days, at least 1');
  }
  return {
    name,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
    logRetention: logRetentionDays as RetentionDays,
    archiveRetentionDays,
    logLevel,
    alarmEmail: config.alarmEmail,
  };
}
