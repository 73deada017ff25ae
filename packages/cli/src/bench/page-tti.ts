// Time to interactive of the candidate page in headless Chromium, against a fresh in-memory
// local stack: each run opens a new take link in a fresh browser context (no cache, no
// cookies) and reads the browser's own clock: navigation start → DOMContentLoaded, → load, and
// → the "Start the assessment" button being visible and enabled (the page is usable).
//   pnpm exec tsx services/session/bench/page-tti.ts [runs]
import { launchChromium } from '@assay/local/browser';
import { startBenchStack } from '@assay/local';
import { percentile } from './percentiles';

/** Runs in the page before any of its scripts: marks the moment the start button is usable. */
const MARK_START_READY = `
  (() => {
    const ready = () => {
      const b = document.getElementById('start');
      if (!b || b.disabled || b.offsetParent === null) return false;
      window.__startReady = performance.now();
      return true;
    };
    new MutationObserver((_, observer) => { if (ready()) observer.disconnect(); })
      .observe(document, { subtree: true, childList: true, attributes: true });
  })();
`;

interface Timing {
  domContentLoaded: number;
  load: number;
  startReady: number;
}

export async function runPageTtiBench(runs: number): Promise<void> {
  if (!Number.isInteger(runs) || runs < 1 || runs > 500)
    throw new Error('runs must be a whole number from 1 to 500');
  process.env.ASSAY_LOG_LEVEL ??= 'WARN';
  const stack = await startBenchStack();
  const browser = await launchChromium();
  try {
    const send = async (path: string, body: unknown) => {
      const res = await fetch(new URL(path, stack.url), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.demo.apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${path} answered ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const assessment = await send('/v1/assessments', {
      playbook: { id: 'medical-billing-specialist' },
    });
    const timings: Timing[] = [];
    // One warm-up run (the browser's first context and the stack's first reads), not counted.
    for (let i = 0; i <= runs; i++) {
      const invitation = await send(`/v1/assessments/${assessment.id as string}/invitations`, {
        candidate: { name: 'Page Bench', email: 'page-bench@example.com' },
      });
      const context = await browser.newContext();
      try {
        await context.addInitScript(MARK_START_READY);
        const page = await context.newPage();
        await page.goto(invitation.link as string, { waitUntil: 'load' });
        // Functions, not strings: the page's CSP forbids eval. (No DOM types here: cast.)
        await page.waitForFunction(() => '__startReady' in globalThis, undefined, {
          timeout: 15_000,
        });
        const timing = await page.evaluate((): Timing => {
          const entries = (performance.getEntriesByType as (type: string) => unknown[])(
            'navigation',
          );
          const nav = entries[0] as { domContentLoadedEventEnd: number; loadEventEnd: number };
          return {
            domContentLoaded: nav.domContentLoadedEventEnd,
            load: nav.loadEventEnd,
            startReady: (globalThis as unknown as { __startReady: number }).__startReady,
          };
        });
        if (i > 0) timings.push(timing);
      } finally {
        await context.close();
      }
    }
    const line = (label: string, pick: (t: Timing) => number) => {
      const xs = timings.map(pick).sort((a, b) => a - b);
      return `${label.padEnd(34)} median ${percentile(xs, 50).toFixed(1)} ms  p95 ${percentile(xs, 95).toFixed(1)} ms  max ${xs.at(-1)!.toFixed(1)} ms`;
    };
    console.log(
      `candidate page, ${runs} runs, each a fresh context (no cache), headless Chromium ${browser.version()}, local stack over loopback`,
    );
    console.log(line('navigation → DOMContentLoaded', (t) => t.domContentLoaded));
    console.log(line('navigation → load', (t) => t.load));
    console.log(line('navigation → start button usable', (t) => t.startReady));
  } finally {
    await browser.close();
    await stack.stop();
  }
}
