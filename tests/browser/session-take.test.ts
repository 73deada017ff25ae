import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '@assay/local/browser';
import type { LocalStack } from '@assay/local';
import { apiClient } from '../support/api-client';
import { startTestStack } from '../support/stack';

// The candidate web app in headless Chromium (Debian's package) against the whole local stack:
// a full take by keyboard and mouse, a reload that resumes, a time-out that submits, a dead
// link, axe-core on every screen, and a screenshot of each under test-artifacts/session/.

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/session');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let stack: LocalStack;
let api: ReturnType<typeof apiClient>;
let browser: Browser;

beforeAll(async () => {
  process.env.ASSAY_SESSION_GRACE_SECONDS = '1';
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startTestStack();
  api = apiClient(stack.url, stack.demo.apiKey);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  delete process.env.ASSAY_SESSION_GRACE_SECONDS;
});

async function invitation(body: Record<string, unknown> = {}) {
  const assessment = await api.post<{ id: string }>('/v1/assessments', {
    playbook: { id: 'medical-billing-specialist' },
    ...body,
  });
  const inv = await api.post<{ id: string; link: string; token: string }>(
    `/v1/assessments/${assessment.json.id}/invitations`,
    { candidate: { name: 'Ana Lima', email: 'ana@example.com' } },
  );
  return inv.json;
}

/** A phone-sized page; the app's CSP is bypassed only so axe can be injected. */
async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    bypassCSP: true,
  });
  return context.newPage();
}

async function check(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.addScriptTag({ content: AXE });
  // A string, so it runs in the page (whose globals this Node-typed file does not know).
  const violations = await page.evaluate<{ id: string; impact: string; nodes: number }[]>(`
    axe
      .run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))
  `);
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    name,
  ).toEqual([]);
}

/** Answers every question of the section on screen. */
async function answerSection(page: Page): Promise<void> {
  for (const item of await page.locator('main > fieldset').all()) {
    const picks = item.locator('fieldset.pick');
    if ((await picks.count()) === 2) {
      await picks.nth(0).locator('input[type=radio]').nth(0).check();
      await picks.nth(1).locator('input[type=radio]').nth(1).check();
    } else if ((await item.locator('input[type=radio]').count()) > 0) {
      await item.locator('input[type=radio]').first().check();
    } else if ((await item.locator('input[type=text]').count()) > 0) {
      await item.locator('input[type=text]').fill('350.00');
    } else {
      await item
        .locator('textarea')
        .fill('1. Review the denial.\n2. Correct the claim and resubmit.');
    }
  }
  await expect.poll(() => page.locator('#save-status').textContent()).toBe('All answers saved.');
}

describe('the candidate web app', () => {
  it('takes the whole Medical Billing assessment, resuming after a reload', async () => {
    const inv = await invitation();
    const page = await phonePage();
    await page.goto(inv.link);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Medical Billing');
    await check(page, '1-welcome');

    // Keyboard only: Tab reaches Start, Enter presses it.
    await page.locator('#start').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Section 1 of 4/);
    expect(await page.locator('#timer').isVisible()).toBe(true);
    expect(await page.locator('#time-left').textContent()).toMatch(/^(30|29):\d\d$/);
    await check(page, '2-section');
    await answerSection(page);

    // Reload mid-way: the same session comes back with its answers.
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Section 1 of 4/);
    expect(await page.locator('input[type=radio]:checked').count()).toBeGreaterThan(0);

    for (let section = 1; section < 4; section++) {
      await page.getByRole('button', { name: 'Next section' }).click();
      await expect
        .poll(() => page.locator('h1').textContent())
        .toMatch(new RegExp(`^Section ${section + 1} of 4`));
      await answerSection(page);
    }
    await page.getByRole('button', { name: 'Review and submit' }).last().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Review and submit');
    expect(await page.locator('main').textContent()).toContain('Every question has an answer.');
    await check(page, '3-review');

    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Thank you: your answers were submitted');
    await check(page, '4-end');
    const take = await apiClient(stack.url).get<{ session: { status: string; answers: object } }>(
      `/v1/take/${inv.token}`,
    );
    expect(take.json.session.status).toBe('submitted');
    expect(Object.keys(take.json.session.answers)).toHaveLength(21);
    await page.context().close();
  });

  it('submits by itself when the time runs out', async () => {
    const inv = await invitation({ timeLimitMinutes: 0.1 });
    const page = await phonePage();
    await page.goto(inv.link);
    await page.locator('#start').click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Section 1/);
    await page.locator('main > fieldset input[type=radio]').first().check();
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 20_000 })
      .toBe('Time is up: your answers were submitted');
    expect(await page.locator('#announce').textContent()).toContain('Time is up');
    await check(page, '5-time-up');
    const take = await apiClient(stack.url).get<{ session: { reason: string } }>(
      `/v1/take/${inv.token}`,
    );
    expect(take.json.session.reason).toBe('time-expired');
    await page.context().close();
  }, 45_000);

  it('explains a withdrawn link', async () => {
    const inv = await invitation();
    await api.request('DELETE', `/v1/invitations/${inv.id}`);
    const page = await phonePage();
    await page.goto(inv.link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('This link no longer works');
    expect(await page.locator('main').textContent()).toContain('withdrawn');
    await check(page, '6-unavailable');
    await page.context().close();
  });
});
