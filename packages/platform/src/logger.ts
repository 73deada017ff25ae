import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs with the service name and, per request, the correlation id. Only
 * identifiers and outcomes are logged: never request bodies, keys, tokens or candidate data.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({
    serviceName: `assay-${serviceName}`,
    // In Lambda the stage's level arrives as AWS_LAMBDA_LOG_LEVEL (JSON log format) and wins
    // anyway; asking for the same level keeps Powertools from warning about a mismatch.
    logLevel: (process.env.ASSAY_LOG_LEVEL ??
      process.env.AWS_LAMBDA_LOG_LEVEL ??
      (process.env.VITEST ? 'ERROR' : 'INFO')) as 'INFO',
  });
}
