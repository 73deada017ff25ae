// `assay demo` end to end: spawns the real command (`pnpm --silent assay demo`) from the repo
// root with a small cohort. Its stack runs inside the demo process, on the run's shared
// DynamoDB Local under its own stage, so no running stack is touched.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { demoRoster, qualityCounts } from '../src/demo/roster';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function assayDemo(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn('pnpm', ['--silent', 'assay', 'demo', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('assay demo', () => {
  it('runs a whole hiring round: all scored, all webhooks verified, reports written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'assay-demo-'));
    const count = 6;
    const { code, stdout, stderr } = await assayDemo(
      [
        '--in-memory',
        '--dynamo-endpoint',
        inject('dynamoEndpoint'),
        '--candidates',
        String(count),
        '--out',
        out,
      ],
      { ASSAY_STAGE: `d${randomBytes(4).toString('hex')}` },
    );
    expect(code, stderr + stdout).toBe(0);
    expect(stdout).toMatch(/started an in-memory stack in this process/i);
    for (const step of ['Publish', 'Register', 'Create', 'Invite', 'Take', 'Wait', 'Verify'])
      expect(stdout).toMatch(new RegExp(`✓ ${step}.*\\(\\d+\\.\\d s\\)`));
    expect(stdout).toContain(`${count} invited, ${count} submitted, ${count} scored`);
    expect(stdout).toMatch(
      new RegExp(`${count} score\\.computed received and verified \\(\\d+ requests, 0 rejected`),
    );
    // Band counts add up to the cohort.
    const bands = /Bands\s+(.*)/.exec(stdout)![1]!;
    const counted = [...bands.matchAll(/ (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(counted).toBe(count);
    // Non-TTY progress: plain lines, ending at the whole cohort.
    expect(stderr).toContain(`[##########] ${count}/${count} candidates`);

    const roster = demoRoster(count, 1);
    const cohortHtml = readFileSync(join(out, 'cohort.html'), 'utf8');
    const csv = readFileSync(join(out, 'cohort.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(count + 1);
    const sessionIds = csv.slice(1).map((row) => row.split(',')[1]!);
    for (const c of roster) expect(cohortHtml).toContain(c.name);
    for (const id of sessionIds) expect(cohortHtml).toContain(id);
    // The top candidate's own report, linked from the cohort page and named in the summary.
    const top = join(out, `session-${sessionIds[0]}.html`);
    expect(existsSync(top)).toBe(true);
    expect(readFileSync(top, 'utf8')).toContain(sessionIds[0]);
    expect(stdout).toContain(`file://${top}`);
    const top3 = /Top 3\s+1\. (.+?) \d/.exec(stdout)![1]!;
    expect(roster.map((c) => c.name)).toContain(top3);
  }, 120_000);

  it('refuses a non-loopback stack in one line', async () => {
    const { code, stdout, stderr } = await assayDemo([
      '--url',
      'http://203.0.113.7:3000',
      '--key',
      'ak_local_x',
    ]);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'assay: --url must be a loopback address (127.0.0.1 or localhost), got 203.0.113.7',
    );
    expect(stdout).not.toContain('✓');
  });
});

describe('the demo roster', () => {
  it('mixes qualities 20/40/30/10, reproducibly, with synthetic @example.com people', () => {
    expect(qualityCounts(60)).toEqual({ strong: 12, average: 24, weak: 18, stuffed: 6 });
    const counts = qualityCounts(7);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(7);
    const roster = demoRoster(60, 1);
    expect(demoRoster(60, 1)).toEqual(roster);
    expect(demoRoster(60, 2)).not.toEqual(roster);
    expect(new Set(roster.map((c) => c.email)).size).toBe(60);
    expect(new Set(roster.map((c) => c.name)).size).toBe(60);
    for (const c of roster) expect(c.email).toMatch(/^[a-z0-9.]+@example\.com$/);
    const byQuality = roster.reduce<Record<string, number>>(
      (acc, c) => ({ ...acc, [c.quality]: (acc[c.quality] ?? 0) + 1 }),
      {},
    );
    expect(byQuality).toEqual(qualityCounts(60));
  });

  it('stays unique past the name list', () => {
    const roster = demoRoster(1000, 3);
    expect(new Set(roster.map((c) => c.email)).size).toBe(1000);
  });
});
