import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@assay/local/browser';
import type { LocalStack } from '@assay/local';
import { findBuiltin } from '@assay/playbooks';
import { apiClient } from '../support/api-client';
import { startTestStack } from '../support/stack';

// The candidate report's HTML in headless Chromium (Debian's package): a scored, reviewed and
// interviewed session renders its charts and evidence on screen and in print, with screenshots
// under test-artifacts/report/.

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/report');

let stack: LocalStack;
let browser: Browser;
let sessionId: string;
let itemCount: number;

type Item = {
  id: string;
  type: string;
  options?: { id: string }[];
  response?: { options?: { id: string }[] };
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startTestStack();
  const api = apiClient(stack.url, stack.demo.apiKey);
  const asm = await api.post<{ id: string }>('/v1/assessments', {
    playbook: { id: 'medical-billing-specialist' },
  });
  const inv = await api.post<{ token: string }>(`/v1/assessments/${asm.json.id}/invitations`, {
    candidate: { name: 'Ana Lima', email: 'ana@example.com' },
  });
  const candidate = apiClient(stack.url, inv.json.token);
  const started = await candidate.post<{ id: string; form: { items: Item[] } }>(
    `/v1/take/${inv.json.token}/start`,
  );
  sessionId = started.json.id;
  itemCount = started.json.form.items.length;
  for (const [seq, item] of started.json.form.items.entries()) {
    const answer =
      item.type === 'sjt'
        ? { best: item.options![0]!.id, worst: item.options![3]!.id }
        : item.type === 'detail'
          ? item.response?.options
            ? { choice: item.response.options[0]!.id }
            : { value: '350' }
          : {
              text: 'Dear Ms. Smith, thank you for calling. The amount was applied to your deductible, so the balance is yours. Kind regards',
            };
    await candidate.request('PUT', `/v1/sessions/${sessionId}/answers/${item.id}`, {
      seq: seq + 1,
      answer,
    });
  }
  await candidate.post(`/v1/sessions/${sessionId}/submit`);
  await stack.settle();
  await stack.settle();
  const questions = findBuiltin('medical-billing-specialist')!.interview!.questions;
  for (const [interviewer, rating] of [
    ['ann', 4],
    ['bob', 2],
  ] as const) {
    const res = await api.post(`/v1/sessions/${sessionId}/interviews`, {
      interviewer,
      ratings: Object.fromEntries(
        questions.map((q) => [q.id, { rating, notes: `Described a ${q.competency} example` }]),
      ),
    });
    expect(res.status).toBe(201);
  }
  await stack.settle();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the candidate report page', () => {
  it('renders totals, charts, evidence and interviews, on screen and in print', async () => {
    const context = await browser.newContext({
      extraHTTPHeaders: { authorization: `Bearer ${stack.demo.apiKey}` },
      viewport: { width: 1100, height: 900 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const res = await page.goto(`${stack.url}/v1/reports/sessions/${sessionId}`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-type']).toMatch(/^text\/html/);

    expect(Number(await page.getByTestId('total').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('band').textContent()).toMatch(
      /^(strong|proceed|borderline|not-recommended)$/,
    );
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(2);
    const box = await charts.first().boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(await page.locator('.item').count()).toBe(itemCount);
    await expect.poll(() => page.getByText('interviewers disagree').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'session-report.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    const maxWidth = await page.evaluate('getComputedStyle(document.body).maxWidth');
    expect(maxWidth).toBe('none');
    await page.screenshot({ path: join(ARTIFACTS, 'session-report-print.png'), fullPage: true });
    await context.close();
  });
});
