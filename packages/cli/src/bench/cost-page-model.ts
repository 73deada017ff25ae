// What the candidate page (services/session/web/app.js) sends during one session, on a virtual
// clock: the policy (sync interval and batch size) is read from the page's own constants, the
// behaviour (reading and typing times) is an assumption stated here. The pages before the sync
// route (one request per answer save, signals apart) are modelled too, for comparison.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Item } from '@assay/playbooks';
import type { Answer } from '@assay/scoring';
import { serviceDir, services } from '@assay/manifests';

/** The page as it is: answers kept on the device, sent with the signals in batched syncs. */
export interface SyncPolicy {
  kind: 'sync';
  /** A sync this long after the first change since the last sync (unless one came sooner). */
  syncIntervalMs: number;
  /** Most answers, and most signals, one sync request carries. */
  batch: number;
}

/** The pages before the sync route: each answer saved by its own request, signals apart. */
export interface AutosavePolicy {
  kind: 'autosave';
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

export type PagePolicy = SyncPolicy | AutosavePolicy;

/** The page before issue #8: every answer saved 600 ms after each pause, signals every 15 s. */
export const ORIGINAL_PAGE_POLICY: AutosavePolicy = {
  kind: 'autosave',
  saveDelayMs: 600,
  textSaveIntervalMs: 0,
  saveOnLeave: false,
  signalFlushMs: 15_000,
  signalsOnHide: false,
};

/** The page between the first step of issue #8 and the sync route (docs/cost.md's table). */
export const AUTOSAVE_PAGE_POLICY: AutosavePolicy = {
  kind: 'autosave',
  saveDelayMs: 600,
  textSaveIntervalMs: 30_000,
  saveOnLeave: true,
  signalFlushMs: 300_000,
  signalsOnHide: true,
};

/**
 * Reads the policy from the page source, so the bench follows the page. The moments it syncs
 * besides the interval (leaving a screen, submit, hiding) are checked, not assumed.
 */
export function readPagePolicy(): SyncPolicy {
  const session = services.find((m) => m.name === 'session');
  if (!session) throw new Error('no session service in the manifests');
  const source = readFileSync(join(serviceDir(session), 'web/app.js'), 'utf8');
  const constant = (name: string) => {
    const match = new RegExp(`const ${name} = ([\\d_]+);`).exec(source)?.[1];
    return match === undefined ? undefined : Number(match.replace(/_/g, ''));
  };
  const syncIntervalMs = constant('SYNC_INTERVAL_MS');
  const batch = constant('SYNC_BATCH');
  if (!syncIntervalMs || !batch)
    throw new Error('app.js no longer declares SYNC_INTERVAL_MS and SYNC_BATCH');
  const triggers: [string, RegExp][] = [
    ['leaving a screen', /function show\([^)]*\) \{[^}]*void sync\(\)/],
    ['submit', /async function submit\([\s\S]*?await sync\(\)/],
    ['hiding the page', /if \(document\.hidden\) void sync\(\)/],
  ];
  const missing = triggers.filter(([, re]) => !re.test(source)).map(([what]) => what);
  if (missing.length)
    throw new Error(`app.js no longer syncs on ${missing.join(', ')}: update the cost model`);
  return { kind: 'sync', syncIntervalMs, batch };
}

export function describePagePolicy(policy: PagePolicy): string {
  if (policy.kind === 'sync')
    return `Page policy read from app.js: answers kept on the device; one sync (changed answers and pending signals, up to ${policy.batch} of each) on leaving a screen, before submit, when the page is hidden, and otherwise ${policy.syncIntervalMs} ms after the first unsynced change.`;
  return `Page policy: save ${policy.saveDelayMs} ms after the last keystroke, text at most every ${policy.textSaveIntervalMs} ms${policy.saveOnLeave ? ', at once on leaving an answer or the page' : ''}; signals flushed every ${policy.signalFlushMs} ms.`;
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
  hiddenMs: 20_000,
};

/** An integrity signal at a virtual time (ms since the start). */
export type ModelSignal =
  | { at: number; kind: 'item-time'; itemId: string; ms: number }
  | { at: number; kind: 'focus-lost' | 'focus-regained' };

export interface ModelAnswer {
  itemId: string;
  seq: number;
  answer: Answer;
}

export type PageRequest =
  | ({ at: number; kind: 'save' } & ModelAnswer)
  | { at: number; kind: 'signals'; signals: ModelSignal[] }
  | { at: number; kind: 'sync'; answers: ModelAnswer[]; signals: ModelSignal[] };

interface Input {
  at: number;
  answer: Answer;
}

/** What the candidate does, on the virtual clock, whatever the page's policy. */
interface Timeline {
  /** Item id → the answer's changes (input or change events), in time order. */
  inputs: Map<string, Input[]>;
  /** Item id → when the candidate moves on from it. */
  leftAt: Map<string, number>;
  signals: ModelSignal[];
  /** When the candidate leaves a section's screen (for the next one, or the review). */
  screenLeaves: number[];
  /** When the page is hidden (another tab). */
  hides: number[];
  /** When the candidate submits. */
  end: number;
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
  const timeline = candidateTimeline(items, answers, random);
  const requests = policy.kind === 'sync' ? syncs(timeline, policy) : autosaves(timeline, policy);
  requests.sort((a, b) => a.at - b.at);
  return { requests, durationMs: timeline.end };
}

function candidateTimeline(
  items: readonly Item[],
  answers: ReadonlyMap<string, Answer>,
  random: () => number,
): Timeline {
  const inputs = new Map<string, Input[]>();
  const leftAt = new Map<string, number>();
  const signals: ModelSignal[] = [];
  const screenLeaves: number[] = [];
  // The page shows one section at a time, in the order the sections first appear.
  const order = [...new Set(items.map((item) => item.section))];
  const onScreen = order.flatMap((section) => items.filter((item) => item.section === section));
  let now = 0;
  let previous: { id: string; since: number; section: string } | undefined;
  for (const item of onScreen) {
    const answer = answers.get(item.id);
    if (!answer) continue;
    if (previous) {
      // Moving to this item signals the time spent on the one left behind.
      signals.push({
        at: now,
        kind: 'item-time',
        itemId: previous.id,
        ms: Math.round(now - previous.since),
      });
      if (previous.section !== item.section) screenLeaves.push(now);
    }
    const changes = inputsFor(item, answer, now, random);
    inputs.set(item.id, changes);
    previous = { id: item.id, since: now, section: item.section };
    now = (changes.at(-1)?.at ?? now) + 1_000;
    leftAt.set(item.id, now);
  }
  screenLeaves.push(now); // to the review screen, then submit
  const hides: number[] = [];
  for (let i = 0; i < BEHAVIOUR.tabSwitches; i++) {
    const at = random() * now;
    hides.push(at);
    signals.push(
      { at, kind: 'focus-lost' },
      { at: at + BEHAVIOUR.hiddenMs, kind: 'focus-regained' },
    );
  }
  return {
    inputs,
    leftAt,
    signals: signals.filter((s) => s.at <= now).sort((a, b) => a.at - b.at),
    screenLeaves,
    hides: hides.sort((a, b) => a - b),
    end: now,
  };
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
  // Every keystroke is an input event; a pause may follow a word.
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

// ─── The page as it is: batched syncs ───────────────────────────────────────

type Moment =
  | { at: number; what: 'input'; itemId: string; answer: Answer }
  | { at: number; what: 'signal'; signal: ModelSignal }
  | { at: number; what: 'leave' | 'hide' | 'submit' };

/**
 * Every change arms a sync `syncIntervalMs` later unless one is armed; leaving a screen, hiding
 * the page (after its focus-lost signal) and submitting sync at once. A sync carries each
 * changed answer at its latest value and the pending signals, split by `batch`.
 */
function syncs(timeline: Timeline, policy: SyncPolicy): PageRequest[] {
  const moments: Moment[] = [];
  for (const [itemId, inputs] of timeline.inputs)
    for (const { at, answer } of inputs) moments.push({ at, what: 'input', itemId, answer });
  for (const signal of timeline.signals) moments.push({ at: signal.at, what: 'signal', signal });
  for (const at of timeline.screenLeaves) moments.push({ at, what: 'leave' });
  for (const at of timeline.hides) moments.push({ at, what: 'hide' });
  moments.push({ at: timeline.end, what: 'submit' });
  // At one instant: the change, then what it triggers (a hide follows its focus-lost signal).
  const rank = { input: 0, signal: 0, leave: 1, hide: 1, submit: 2 };
  moments.sort((a, b) => a.at - b.at || rank[a.what] - rank[b.what]);

  const requests: PageRequest[] = [];
  const seqs = new Map<string, number>();
  const dirty = new Map<string, ModelAnswer>();
  let signals: ModelSignal[] = [];
  let due: number | undefined;
  const sync = (at: number) => {
    due = undefined;
    const answers = [...dirty.values()];
    for (let i = 0; i < Math.max(answers.length, signals.length); i += policy.batch)
      requests.push({
        at,
        kind: 'sync',
        answers: answers.slice(i, i + policy.batch),
        signals: signals.slice(i, i + policy.batch),
      });
    dirty.clear();
    signals = [];
  };
  for (const moment of moments) {
    if (due !== undefined && due <= moment.at) sync(due);
    if (moment.what === 'input') {
      const seq = (seqs.get(moment.itemId) ?? 0) + 1;
      seqs.set(moment.itemId, seq);
      dirty.set(moment.itemId, { itemId: moment.itemId, seq, answer: moment.answer });
      due ??= moment.at + policy.syncIntervalMs;
    } else if (moment.what === 'signal') {
      signals.push(moment.signal);
      due ??= moment.at + policy.syncIntervalMs;
    } else {
      sync(moment.at);
    }
  }
  return requests;
}

// ─── The pages before: one request per save, signals apart ─────────────────

function autosaves(timeline: Timeline, policy: AutosavePolicy): PageRequest[] {
  const requests: PageRequest[] = [];
  for (const [itemId, inputs] of timeline.inputs) {
    const interval = 'text' in (inputs[0]?.answer ?? {}) ? policy.textSaveIntervalMs : 0;
    const leftAt = timeline.leftAt.get(itemId) ?? timeline.end;
    requests.push(...savesFor(itemId, inputs, leftAt, { ...policy, textSaveIntervalMs: interval }));
  }
  const hiddenAt = policy.signalsOnHide ? timeline.hides : [];
  requests.push(...signalFlushes(timeline.signals, hiddenAt, timeline.end, policy.signalFlushMs));
  return requests;
}

/**
 * The autosave of one answer: each input (re)arms a timer of saveDelayMs, or longer to keep
 * textSaveIntervalMs since this answer's last save; leaving the answer saves at once.
 */
function savesFor(
  itemId: string,
  inputs: readonly Input[],
  leftAt: number,
  policy: AutosavePolicy,
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
  signals: readonly ModelSignal[],
  hiddenAt: readonly number[],
  end: number,
  everyMs: number,
): PageRequest[] {
  const moments = new Set(hiddenAt);
  for (let tick = everyMs; tick < end; tick += everyMs) moments.add(tick);
  moments.add(end);
  const flushes: PageRequest[] = [];
  let next = 0;
  for (const moment of [...moments].sort((a, b) => a - b)) {
    const start = next;
    while (next < signals.length && signals[next]!.at <= moment) next++;
    for (let i = start; i < next; i += 100)
      flushes.push({
        at: moment,
        kind: 'signals',
        signals: signals.slice(i, Math.min(i + 100, next)),
      });
  }
  return flushes;
}
