// What the candidate page (services/session/web/app.js) sends during one session, on a virtual
// clock: the policy (debounce, per-item save interval, signal flush interval) is read from the
// page's own constants, the behaviour (reading and typing times) is an assumption stated here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Item } from '@assay/playbooks';
import type { Answer } from '@assay/scoring';
import { serviceDir, services } from '@assay/manifests';

export interface PagePolicy {
  /** Quiet time after the last keystroke before an answer is saved. */
  saveDelayMs: number;
  /** Least time between two saves of one text answer while it is typed (0: none). */
  textSaveIntervalMs: number;
  /** Whether leaving an answer, the section or the page saves what is pending at once. */
  saveOnLeave: boolean;
  /** How often pending integrity signals are sent. */
  signalFlushMs: number;
  /** Whether hiding the page (another tab) sends pending signals at once. */
  signalsOnHide: boolean;
}

/** The page before issue #8: every answer saved 600 ms after each pause, signals every 15 s. */
export const ORIGINAL_PAGE_POLICY: PagePolicy = {
  saveDelayMs: 600,
  textSaveIntervalMs: 0,
  saveOnLeave: false,
  signalFlushMs: 15_000,
  signalsOnHide: false,
};

/** Reads the policy from the page source, so the bench follows the page. */
export function readPagePolicy(): PagePolicy {
  const session = services.find((m) => m.name === 'session');
  if (!session) throw new Error('no session service in the manifests');
  const source = readFileSync(join(serviceDir(session), 'web/app.js'), 'utf8');
  const constant = (name: string) => {
    const match = new RegExp(`const ${name} = ([\\d_]+);`).exec(source)?.[1];
    return match === undefined ? undefined : Number(match.replace(/_/g, ''));
  };
  const saveDelayMs = constant('SAVE_DELAY_MS');
  const signalFlushMs =
    constant('SIGNAL_FLUSH_MS') ??
    Number(/setInterval\(\(\) => void sendSignals\(\), (\d+)\)/.exec(source)?.[1]);
  if (saveDelayMs === undefined || !signalFlushMs)
    throw new Error('app.js no longer declares SAVE_DELAY_MS and a signal flush interval');
  return {
    saveDelayMs,
    textSaveIntervalMs: constant('TEXT_SAVE_INTERVAL_MS') ?? 0,
    saveOnLeave: /function leaveItem\(/.test(source),
    signalFlushMs,
    signalsOnHide: /if \(document\.hidden\) \{[^}]*sendSignals\(\)/.test(source),
  };
}

/**
 * The candidate's behaviour, an assumption: reads each item, then picks (choices), types a
 * number in one burst, or composes text at about 30 words a minute with a thinking pause
 * (1–5 s) after one word in five; revises one choice in seven; leaves the tab twice.
 */
export const BEHAVIOUR = {
  readMs: { sjt: 45_000, choice: 30_000, number: 45_000, text: 30_000 },
  keyMs: 250,
  pauseChance: 0.2,
  pauseMs: [1_000, 5_000] as const,
  reviseChance: 1 / 7,
  tabSwitches: 2,
};

export type PageRequest =
  | { at: number; kind: 'save'; itemId: string; seq: number; answer: Answer }
  | { at: number; kind: 'signals'; count: number };

interface Input {
  at: number;
  answer: Answer;
}

/**
 * The requests the page makes between start and submit for these answers, in time order, and
 * the session's length. `answers` holds the final answer of every item the candidate answers.
 */
export function pageRequests(
  items: readonly Item[],
  answers: ReadonlyMap<string, Answer>,
  policy: PagePolicy,
  random: () => number,
): { requests: PageRequest[]; durationMs: number } {
  const requests: PageRequest[] = [];
  const signalTimes: number[] = [];
  let now = 0;
  for (const [index, item] of items.entries()) {
    if (index > 0) signalTimes.push(now); // item-time of the one left behind
    const answer = answers.get(item.id);
    if (!answer) continue;
    const inputs = inputsFor(item, answer, now, random);
    const leftAt = (inputs.at(-1)?.at ?? now) + 1_000;
    const interval = kindOf(item) === 'text' ? policy.textSaveIntervalMs : 0;
    requests.push(
      ...savesFor(item.id, inputs, leftAt, { ...policy, textSaveIntervalMs: interval }),
    );
    now = leftAt;
  }
  const hiddenAt: number[] = [];
  for (let i = 0; i < BEHAVIOUR.tabSwitches; i++) {
    const at = random() * now;
    signalTimes.push(at, at + 20_000); // focus-lost, then focus-regained
    if (policy.signalsOnHide) hiddenAt.push(at);
  }
  requests.push(...signalFlushes(signalTimes, hiddenAt, now, policy.signalFlushMs));
  requests.sort((a, b) => a.at - b.at);
  return { requests, durationMs: now };
}

function kindOf(item: Item): keyof typeof BEHAVIOUR.readMs {
  if (item.type === 'sjt') return 'sjt';
  if (item.type === 'detail') return item.response.kind === 'choice' ? 'choice' : 'number';
  return 'text';
}

/** The moments the answer changes in the page (an input or change event) and its value then. */
function inputsFor(item: Item, answer: Answer, start: number, random: () => number): Input[] {
  let at = start + BEHAVIOUR.readMs[kindOf(item)];
  if (!('text' in answer)) {
    // Choices and numbers: one change (a number is typed in one burst), sometimes revised.
    const inputs = [{ at, answer }];
    if (random() < BEHAVIOUR.reviseChance) inputs.push({ at: at + 20_000, answer });
    return inputs;
  }
  // Every keystroke is an input event (it re-arms the debounce); a pause may follow a word.
  const { text } = answer;
  const inputs: Input[] = [];
  const [low, high] = BEHAVIOUR.pauseMs;
  for (let i = 0; i < text.length; i++) {
    at += BEHAVIOUR.keyMs;
    inputs.push({ at, answer: { text: text.slice(0, i + 1) } });
    if (text[i] === ' ' && random() < BEHAVIOUR.pauseChance) at += low + random() * (high - low);
  }
  return inputs;
}

/**
 * The page's autosave for one answer: each input (re)arms a timer of saveDelayMs, or longer to
 * keep textSaveIntervalMs since this answer's last save; leaving the answer saves at once.
 */
function savesFor(
  itemId: string,
  inputs: readonly Input[],
  leftAt: number,
  policy: PagePolicy,
): PageRequest[] {
  const saves: PageRequest[] = [];
  let lastSaveAt = -Infinity;
  let due: number | undefined;
  let pending: Answer | undefined;
  const save = (at: number) => {
    if (!pending) return;
    saves.push({ at, kind: 'save', itemId, seq: saves.length + 1, answer: pending });
    lastSaveAt = at;
    pending = undefined;
    due = undefined;
  };
  for (const input of inputs) {
    if (due !== undefined && due <= input.at) save(due);
    pending = input.answer;
    due =
      input.at + Math.max(policy.saveDelayMs, lastSaveAt + policy.textSaveIntervalMs - input.at);
  }
  if (due !== undefined) save(policy.saveOnLeave ? Math.min(due, leftAt) : due);
  return saves;
}

/**
 * One POST per moment that finds signals pending (at most 100 each): the flush ticks, the
 * moments the page is hidden (when it sends then) and the submit at `end`.
 */
function signalFlushes(
  times: readonly number[],
  hiddenAt: readonly number[],
  end: number,
  everyMs: number,
): PageRequest[] {
  const moments = new Set(hiddenAt);
  for (let tick = everyMs; tick < end; tick += everyMs) moments.add(tick);
  moments.add(end);
  const sorted = [...times].filter((t) => t <= end).sort((a, b) => a - b);
  const flushes: PageRequest[] = [];
  let next = 0;
  for (const moment of [...moments].sort((a, b) => a - b)) {
    let count = 0;
    while (next < sorted.length && sorted[next]! <= moment) {
      count++;
      next++;
    }
    for (let sent = 0; sent < count; sent += 100)
      flushes.push({ at: moment, kind: 'signals', count: Math.min(100, count - sent) });
  }
  return flushes;
}
