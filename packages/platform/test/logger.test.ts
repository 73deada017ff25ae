import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger';

// Deployed functions use Lambda's JSON log format with a level (infra/lib/function-logging.ts):
// Lambda filters application lines on their `level` field and passes the level to the function
// as AWS_LAMBDA_LOG_LEVEL, which the logger must follow without complaint.

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

function captured(write: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  write();
  vi.restoreAllMocks();
  return lines
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createLogger under Lambda log levels', () => {
  it("follows AWS_LAMBDA_LOG_LEVEL, writes JSON with Lambda's `level` field, and warns of nothing", () => {
    // As in Lambda: neither the local override nor the test runner's quiet default.
    delete process.env.ASSAY_LOG_LEVEL;
    delete process.env.VITEST;
    process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';
    const lines = captured(() => {
      const logger = createLogger('probe');
      logger.info('dropped at WARN');
      logger.warn('kept at WARN');
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'WARN', message: 'kept at WARN', service: 'assay-probe' }),
    ]);
  });

  it('logs INFO lines when the stage level is INFO', () => {
    delete process.env.ASSAY_LOG_LEVEL;
    delete process.env.VITEST;
    process.env.AWS_LAMBDA_LOG_LEVEL = 'INFO';
    const lines = captured(() => createLogger('probe').info('request handled'));
    expect(lines).toEqual([expect.objectContaining({ level: 'INFO', message: 'request handled' })]);
  });
});
