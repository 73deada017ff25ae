// `assay bench scoring` runs the real engine over generated full sheets and reports its figures.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('assay bench scoring', () => {
  it('reports throughput, latency percentiles, text rate and heap for N sheets', () => {
    const result = spawnSync('pnpm', ['--silent', 'assay', 'bench', 'scoring', '--sheets', '300'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^scoring 300 sheets of 21 items/);
    expect(result.stdout).toMatch(/^sheets\/s +\d+$/m);
    expect(result.stdout).toMatch(/^µs per sheet +p50 \d+ +p99 \d+ +max \d+$/m);
    expect(result.stdout).toMatch(/^answer text +[\d.]+ KB\/sheet, [\d.]+ MB\/s$/m);
    expect(result.stdout).toMatch(/^heap used +start [\d.]+ MB, end [\d.]+ MB after full GC/m);
    expect(result.stderr).toMatch(/300\/300 sheets/);
  });

  it('rejects a bad --sheets value in one line', () => {
    const result = spawnSync(
      'pnpm',
      ['--silent', 'assay', 'bench', 'scoring', '--sheets', 'lots'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('assay: --sheets must be a positive integer\n');
  });
});
