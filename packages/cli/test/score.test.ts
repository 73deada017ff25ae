// `assay score` end to end: spawns the real command (`pnpm --silent assay score`) from the repo root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'assay-score-'));

function assayScore(file: string, stdin?: string) {
  const result = spawnSync('pnpm', ['--silent', 'assay', 'score', file], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function sheetFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const sheet = {
  playbook: 'medical-billing-specialist',
  answers: {
    'sjt-surprise-bill': { best: 'b', worst: 'a' },
    'sjt-upcode-pressure': { best: 'a', worst: 'd' },
    'detail-invoice-total': { value: '$350.00' },
    'detail-account-transposition': { choice: 'a' },
    'written-patient-deductible-email': {
      text: 'Dear Ms. Smith,\n\nThank you for your message. Your insurance applied the $250 charge to your deductible, the amount you pay each year before your plan pays. You can pay online or set up a payment plan. Please call us with any questions.\n\nKind regards,\nAnna',
    },
    'procedure-missing-modifier-denial': {
      text: '1. Review the denial and the reason code on the remittance.\n2. Check the documentation to choose the right modifier.\n3. Add the modifier to correct the claim.\n4. Resubmit the corrected claim within timely filing.\n5. Follow up until it is paid.',
    },
  },
};

describe('assay score', () => {
  it('prints one scorecard per CONTRACTS.md §1 and exits 0', () => {
    const { code, stdout, stderr } = assayScore(sheetFile('sheet.json', sheet));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const card = JSON.parse(stdout);
    expect(card.playbook).toMatchObject({ id: 'medical-billing-specialist', version: '1.0.0' });
    expect(card.playbook.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(card.engine).toBe('1.0.0');
    expect(card.total).toBeGreaterThan(0);
    expect(card.total).toBeLessThanOrEqual(100);
    expect(['strong', 'proceed', 'borderline', 'not-recommended']).toContain(card.band);
    expect(Object.keys(card.sections)).toEqual(['judgment', 'detail', 'written', 'procedure']);
    expect(card.sections.judgment).toMatchObject({ weight: 20 });
    expect(card.items['detail-invoice-total']).toMatchObject({ score: 1, max: 1, answered: true });
    expect(card.items['written-patient-deductible-email'].evidence[0]).toEqual(
      expect.objectContaining({
        rule: expect.any(String),
        met: expect.any(Boolean),
        points: expect.any(Number),
        text: expect.any(String),
      }),
    );
    expect(card.items['sjt-cannot-pay']).toMatchObject({ score: 0, answered: false });
    expect(card.redFlags).toEqual([
      expect.objectContaining({
        id: 'ethics-upcoding',
        item: 'sjt-upcode-pressure',
        severity: 'high',
      }),
    ]);
  });

  it('reads stdin with "-", accepts id@version, and prints byte-identical output for the same sheet', () => {
    const fromFile = assayScore(sheetFile('again.json', sheet)).stdout;
    const fromStdin = assayScore(
      '-',
      JSON.stringify({ ...sheet, playbook: 'medical-billing-specialist@1.0.0' }),
    );
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile);
    expect(assayScore(sheetFile('third.json', sheet)).stdout).toBe(fromFile);
  });

  it.each([
    ['unreadable JSON', '{"playbook": ', /is not valid JSON/],
    ['an unknown playbook', { playbook: 'astronaut', answers: {} }, /unknown playbook "astronaut"/],
    [
      'an unknown version',
      { playbook: 'medical-billing-specialist@9.0.0', answers: {} },
      /unknown playbook "medical-billing-specialist@9.0.0"/,
    ],
    [
      'an unknown item id',
      { ...sheet, answers: { 'sjt-nope': { best: 'a', worst: 'b' } } },
      /item "sjt-nope": unknown item id/,
    ],
    [
      'a wrong answer shape',
      { ...sheet, answers: { 'detail-invoice-total': { choice: 'a' } } },
      /item "detail-invoice-total": expected \{"value"/,
    ],
    [
      'an option that does not exist',
      { ...sheet, answers: { 'sjt-cannot-pay': { best: 'b', worst: 'x' } } },
      /item "sjt-cannot-pay": "worst" "x" is not one of the options/,
    ],
    ['a sheet without a playbook', { answers: {} }, /needs "playbook"/],
  ])('rejects %s: one line on stderr, nothing on stdout, exit 2', (name, content, message) => {
    const { code, stdout, stderr } = assayScore(
      sheetFile(`${name.replace(/\W+/g, '-')}.json`, content),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a missing file as one line, exit 2', () => {
    const { code, stdout, stderr } = assayScore(join(dir, 'missing.json'));
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^assay: cannot read .*missing\.json: ENOENT\n$/);
  });
});
