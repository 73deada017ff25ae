import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs with the service name and, per request, the correlation id. Only
 * identifiers and outcomes are logged: never request bodies, keys, tokens or candidate data.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({
    serviceName: `assay-${serviceName}`,
    logLevel: (process.env.ASSAY_LOG_LEVEL ?? (process.env.VITEST ? 'ERROR' : 'INFO')) as 'INFO',
  });
}
