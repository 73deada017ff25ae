// The cost bench's model of the candidate page: the policy comes from app.js, and the modelled
// syncs keep the page's promises (every final answer arrives, only changed answers are sent,
// requests grow with screens and minutes, not with answers).
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '@assay/playbooks';
import type { Answer } from '@assay/scoring';
import { generateAnswer, prng, QUALITIES } from '../src/sim/synthetic-answers';
import {
  AUTOSAVE_PAGE_POLICY,
  BEHAVIOUR,
  pageRequests,
  readPagePolicy,
  type PagePolicy,
  type PageRequest,
} from '../src/bench/cost-page-model';

const playbook = findBuiltin('medical-billing-specialist')!;

function session(n: number, policy: PagePolicy) {
  const random = prng(1000 + n);
  const answers = new Map<string, Answer>();
  for (const item of playbook.items) {
    const answer = generateAnswer(item, QUALITIES[n % QUALITIES.length]!, random);
    if (answer !== undefined) answers.set(item.id, answer);
  }
  return { answers, ...pageRequests(playbook.items, answers, policy, random) };
}

type Sync = Extract<PageRequest, { kind: 'sync' }>;

describe('the page cost model', () => {
  it('reads the sync policy from app.js', () => {
    const policy = readPagePolicy();
    expect(policy.kind).toBe('sync');
    expect(policy.syncIntervalMs).toBeGreaterThanOrEqual(120_000);
    expect(policy.syncIntervalMs).toBeLessThanOrEqual(180_000);
    expect(policy.batch).toBe(100);
  });

  it('sends every final answer in syncs bounded by screens, minutes and hides', () => {
    const policy = readPagePolicy();
    const sections = new Set(playbook.items.map((i) => i.section)).size;
    let total = 0;
    const runs = 8;
    for (let n = 0; n < runs; n++) {
      const { answers, requests, durationMs } = session(n, policy);
      const syncs = requests.filter((r): r is Sync => r.kind === 'sync');
      expect(syncs).toHaveLength(requests.length);
      const last = new Map<string, { seq: number; answer: Answer }>();
      for (const sync of syncs) {
        expect(sync.answers.length + sync.signals.length).toBeGreaterThan(0);
        for (const a of sync.answers) {
          // Only changed answers: each send of an item carries a higher seq than the last.
          expect(a.seq).toBeGreaterThan(last.get(a.itemId)?.seq ?? 0);
          last.set(a.itemId, a);
        }
      }
      // An empty text is never typed, so never sent.
      const typed = [...answers].filter(([, a]) => !('text' in a) || a.text !== '');
      expect(new Map([...last].map(([id, a]) => [id, a.answer]))).toEqual(new Map(typed));
      const bound =
        sections + 1 + BEHAVIOUR.tabSwitches + Math.ceil(durationMs / policy.syncIntervalMs);
      expect(syncs.length).toBeLessThanOrEqual(bound);
      expect(syncs.length).toBeLessThan(answers.size);
      total += syncs.length;
    }
    // The policy's aim (issue #8): about a dozen requests a session, not one per save.
    expect(total / runs).toBeLessThanOrEqual(15);
  });

  it('makes far fewer requests than the page that saved each answer', () => {
    const policy = readPagePolicy();
    const count = (p: PagePolicy) => session(3, p).requests.length;
    expect(count(policy) * 3).toBeLessThan(count(AUTOSAVE_PAGE_POLICY));
  });
});
