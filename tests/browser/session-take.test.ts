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
// a full take by keyboard and mouse, a reload that resumes, answers kept on the device through a
// reload and while offline, syncs in batches, a time-out that submits, a dead link, axe-core on
// every screen, and a screenshot of each under test-artifacts/session/.

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

/** Answers every question of the section on screen; returns how many it answered. */
async function answerSection(page: Page, status = /^Saved on this device/): Promise<number> {
  const items = await page.locator('main > fieldset').all();
  for (const item of items) {
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
  // Kept on the device at once; sent later, in one request.
  await expect.poll(() => page.locator('#save-status').textContent()).toMatch(status);
  return items.length;
}

/** How many answers the screen shows: picked options and filled text fields. */
async function shown(page: Page): Promise<number> {
  const typed = await page.evaluate<number>(
    `[...document.querySelectorAll('main input[type=text], main textarea')].filter((e) => e.value).length`,
  );
  return (await page.locator('input[type=radio]:checked').count()) + typed;
}

/** The page's requests to the answer routes: batched syncs, and the per-answer routes it no longer uses. */
function countAnswerRequests(page: Page) {
  const counts = { syncs: 0, perAnswer: 0 };
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (/^\/v1\/sessions\/[^/]+\/sync$/.test(path)) counts.syncs++;
    if (/^\/v1\/sessions\/[^/]+\/(answers\/|signals$)/.test(path)) counts.perAnswer++;
  });
  return counts;
}

/** The session as the tenant's reviewer reads it. */
async function serverSession(token: string) {
  const take = await apiClient(stack.url).get<{ session: { id: string } }>(`/v1/take/${token}`);
  const session = await api.get<{
    answers: Record<string, unknown>;
    signals: { events: unknown[] };
  }>(`/v1/sessions/${take.json.session.id}`);
  return session.json;
}

async function startTake(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.locator('#start').click();
  await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Section 1 of 4/);
}

describe('the candidate web app', () => {
  it('takes the whole Medical Billing assessment, resuming after a reload', async () => {
    const inv = await invitation();
    const page = await phonePage();
    const requests = countAnswerRequests(page);
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
    // Batched: about one sync per section left (plus the reload's), not one request per answer.
    expect(requests.perAnswer).toBe(0);
    expect(requests.syncs).toBeGreaterThan(0);
    expect(requests.syncs).toBeLessThanOrEqual(4 + 3);
    await page.context().close();
  });

  it('keeps answers typed before a reload on the device, then syncs them', async () => {
    const inv = await invitation();
    const page = await phonePage();
    await startTake(page, inv.link);
    // No sync reaches the server until the reload is done (the page would send one as it hides).
    let blocked = true;
    await page.route('**/v1/sessions/*/sync', (route) =>
      blocked ? route.abort('internetdisconnected') : route.continue(),
    );
    const answered = await answerSection(page);
    const typed = await shown(page);
    expect(typed).toBeGreaterThanOrEqual(answered);
    expect(Object.keys((await serverSession(inv.token)).answers)).toHaveLength(0);

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Section 1 of 4/);
    blocked = false;
    expect(await shown(page)).toBe(typed);
    await expect
      .poll(async () => Object.keys((await serverSession(inv.token)).answers).length, {
        timeout: 20_000,
      })
      .toBe(answered);
    await expect.poll(() => page.locator('#sync-age').textContent()).toMatch(/all synced/);
    await page.context().close();
  }, 45_000);

  it('keeps answering offline and sends everything once back online', async () => {
    const inv = await invitation();
    const page = await phonePage();
    await startTake(page, inv.link);
    await page.context().setOffline(true);
    let answered = await answerSection(page);
    await page.getByRole('button', { name: 'Next section' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Section 2 of 4/);
    answered += await answerSection(page);
    await expect.poll(() => page.locator('#save-status').textContent()).toMatch(/retrying/);
    await check(page, '7-offline');
    expect(Object.keys((await serverSession(inv.token)).answers)).toHaveLength(0);

    await page.context().setOffline(false);
    await expect
      .poll(async () => Object.keys((await serverSession(inv.token)).answers).length, {
        timeout: 30_000,
      })
      .toBe(answered);
    // The signals rode along (time on each item left behind).
    expect((await serverSession(inv.token)).signals.events.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('#save-status').textContent())
      .toBe('Saved on this device');
    await page.context().close();
  }, 60_000);

  it('falls back to the server alone when the browser keeps nothing', async () => {
    const inv = await invitation();
    const page = await phonePage();
    // As in a browser that refuses storage: every use of localStorage throws.
    await page.addInitScript(`Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('denied', 'SecurityError'); },
    })`);
    await page.goto(inv.link);
    await expect.poll(() => page.locator('#start').isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toContain('Answers save automatically.');
    await page.locator('#start').click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Section 1 of 4/);
    const answered = await answerSection(page, /^(Saving…|All answers saved)$/);
    await expect
      .poll(async () => Object.keys((await serverSession(inv.token)).answers).length, {
        timeout: 20_000,
      })
      .toBe(answered);
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('All answers saved');
    await page.context().close();
  }, 45_000);

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
