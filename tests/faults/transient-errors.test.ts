import { describe, expect, it } from 'vitest';
import { isTransientDependencyError } from '@assay/platform';

// Which failures the HTTP stack answers 503 + Retry-After (the platform's transient trouble)
// instead of 500: the shapes the AWS SDK v3 actually throws.
const sdkError = (name: string, fault: 'client' | 'server', status: number, extra = {}) =>
  Object.assign(
    new Error(name),
    { name, $fault: fault, $metadata: { httpStatusCode: status } },
    extra,
  );
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('isTransientDependencyError', () => {
  it.each([
    ['connection refused (DynamoDB down)', socketError('ECONNREFUSED')],
    ['connection reset (DynamoDB killed mid-request)', socketError('ECONNRESET')],
    ['SDK time-out', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['throttling', sdkError('ThrottlingException', 'client', 400)],
    ['throughput exceeded', sdkError('ProvisionedThroughputExceededException', 'client', 400)],
    ['server error', sdkError('InternalServerError', 'server', 500)],
    [
      'a transaction cancelled by throttling',
      sdkError('TransactionCanceledException', 'client', 400, {
        CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }],
      }),
    ],
    ['wrapped in a cause', new Error('store failed', { cause: socketError('ECONNREFUSED') })],
  ])('%s → 503', (_, err) => expect(isTransientDependencyError(err)).toBe(true));

  it.each([
    ['a failed condition', sdkError('ConditionalCheckFailedException', 'client', 400)],
    ['a malformed request (our bug)', sdkError('ValidationException', 'client', 400)],
    [
      'a transaction cancelled by a condition',
      sdkError('TransactionCanceledException', 'client', 400, {
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
      }),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['not an error', 'oops'],
  ])('%s → 500', (_, err) => expect(isTransientDependencyError(err)).toBe(false));
});
