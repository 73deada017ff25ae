// `assay bench load` run tiny through the CLI: real in-memory stack, real sockets, real webhooks;
// the figures are not asserted (timing goals are benchmarks), the counts are.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error';
import { parseLoadOptions } from '../src/bench/load-options';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bench = (...args: string[]) =>
  spawnSync('pnpm', ['--silent', 'assay', 'bench', 'load', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });

describe('assay bench load', () => {
  it('drives candidates through saves and submits, then verifies every record by counting', () => {
    const result = bench('--candidates', '5', '--duration', '3', '--save-interval', '0.4');
    expect(result.status, `${result.stdout}\n${result.stderr.slice(-2000)}`).toBe(0);
    expect(result.stderr).toMatch(
      /saves \d+ \(\d+\/s\) {2}in flight \d+ {2}submitted \d+ {2}errors 0/,
    );
    const out = result.stdout;
    const saves = Number(/^saves +(\d+) acknowledged, 0 not applied, 0 errors$/m.exec(out)?.[1]);
    // About 5 × 3 s / 0.4 s; how many depends on the machine's load, that there are some not.
    expect(saves).toBeGreaterThan(0);
    expect(out).toMatch(/^save latency +p50 [\d.,]+ ms {2}p99 [\d.,]+ ms {2}max [\d.,]+ ms$/m);
    expect(out).toMatch(
      /^submit → webhook +p50 [\d.,]+ ms {2}p99 [\d.,]+ ms .*\(5 of 5 received\)$/m,
    );
    expect(out).toMatch(/^cpu +this process \d+ % of one core/m);
    expect(out).toMatch(/^rss peak +this process \d+ MB/m);
    const items = Number(
      /^verify answers +5 sessions read back: (\d+) items checked, 0 lost, 0 reordered, 0 wrong status, 0 unacknowledged stored$/m.exec(
        out,
      )?.[1],
    );
    // Each acknowledged item is checked once; drafts make saves ≥ items.
    expect(items).toBeGreaterThan(0);
    expect(items).toBeLessThanOrEqual(saves);
    expect(out).toMatch(/^verify sessions +5 invitations of 5, 5 started of 5, 5 submitted of 5$/m);
    expect(out).toMatch(
      /^verify scorecards +5 of 5 submitted sessions: 0 missing, 0 with extra revisions, 0 not matching their webhook$/m,
    );
    expect(out).toMatch(
      /^verify webhooks +5 of 5 submitted sessions with exactly one webhook id: 0 missing, 0 with several ids, 0 for unknown sessions, 0 ids with two payloads, 0 bad signatures/m,
    );
    expect(out).toMatch(/^verified: every count exact$/m);
    expect(out).not.toMatch(/could not delete/);
  }, 90_000);

  it('refuses a stack that is not on this machine, in one line, before starting anything', () => {
    const result = bench('--url', 'http://example.com:3000', '--key', 'ak_local_x');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'assay: --url must be this machine (127.0.0.0/8, ::1 or localhost), refusing example.com: the load bench never leaves loopback\n',
    );
    for (const host of ['10.0.0.5', '[fd00::1]', 'localhost.example.com', '0.0.0.0'])
      expect(() => parseLoadOptions(['--url', `http://${host}:3000`, '--key', 'ak_k'])).toThrow(
        /^--url must be this machine/,
      );
    for (const host of ['127.0.0.1', '127.1.2.3', '[::1]', 'localhost'])
      expect(parseLoadOptions(['--url', `http://${host}:3000`, '--key', 'ak_k']).target?.key).toBe(
        'ak_k',
      );
  });

  it.each([
    [['--candidates', '5001'], '--candidates must be a whole number from 1 to 5000'],
    [['--candidates', 'many'], '--candidates must be a whole number from 1 to 5000'],
    [['--duration', '901'], '--duration must be a whole number from 1 to 900'],
    [['--save-interval', '0'], '--save-interval must be a number of seconds from 0.01 to 60'],
    [['--profile', 'huge'], '--profile must be one of autosave, throughput'],
    [
      ['--url', 'http://127.0.0.1:3000'],
      '--url needs --key (an admin API key of that stack, ak_…)',
    ],
    [['--url', 'http://127.0.0.1:3000', '--key', 'ak_1\nak_2'], '--key must be one API key (ak_…)'],
    [
      ['--save-interval', '20', '--duration', '10'],
      '--save-interval (20 s) must not exceed --duration (10 s)',
    ],
    [['--key', 'ak_1'], '--key goes with --url (the in-memory stack has its own)'],
  ])('refuses %j with a one-line usage error (exit 2)', (args, message) => {
    const refusal = (() => {
      try {
        parseLoadOptions(args);
      } catch (err) {
        return err;
      }
    })();
    expect(refusal).toBeInstanceOf(CliError);
    expect((refusal as CliError).message).toBe(message);
    expect((refusal as CliError).exitCode).toBe(2);
  });

  it('takes the profiles and lets flags override them', () => {
    expect(parseLoadOptions(['--profile', 'autosave'])).toMatchObject({
      candidates: 500,
      duration: 300,
      saveInterval: 10,
      ramp: 60,
    });
    expect(parseLoadOptions(['--profile', 'throughput', '--duration', '30'])).toMatchObject({
      candidates: 200,
      duration: 30,
      saveInterval: 0.1,
      ramp: 20,
    });
  });
});
