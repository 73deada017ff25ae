import { ulid } from 'ulid';
import {
  createEvent,
  scoreComputed,
  scoreRevised,
  type EnvelopeContext,
  type EventData,
  type EventDetail,
  type sessionSubmitted,
} from '@assay/events';
import { HttpProblem, PoisonEventError, problems, resolveClaim } from '@assay/platform';
import type { ClaimRef } from '@assay/platform';
import type { Playbook } from '@assay/playbooks';
import { playbookHash } from '@assay/playbooks';
import { bandFor, canonicalJson, score, validateAnswers } from '@assay/scoring';
import type { BandName, Scorecard, SectionResult } from '@assay/scoring';
import {
  StaleCardError,
  type CardRecord,
  type HistoryEntry,
  type Override,
  type PinnedPlaybook,
  type ScoringStore,
} from '../store';
import { round } from './round';
import { compareVersions, findRubric, knownVersions, pinnedRubric } from './rubrics';

const BAND_ORDER: BandName[] = ['not-recommended', 'borderline', 'proceed', 'strong'];
/** Attempts at an optimistic write before answering 409 (two reviewers racing on one card). */
const WRITE_ATTEMPTS = 3;

export const scoringProblems = {
  invalidField: (pointer: string, message: string) =>
    new HttpProblem(422, 'validation', 'Invalid request', `Invalid fields: ${pointer}`, [
      { pointer, message },
    ]),
  busy: () =>
    new HttpProblem(409, 'conflict', 'Conflict', 'The scorecard changed meanwhile; try again'),
};

/** The playbook restricted to the drawn items, in authored order: what the session answered. */
export function formFor(rubric: Playbook, itemIds: readonly string[]): Playbook {
  const drawn = new Set(itemIds);
  return { ...rubric, items: rubric.items.filter((item) => drawn.has(item.id)) };
}

/**
 * Scores a submitted session once. The form is rebuilt from scoring's own copy of the pinned
 * version and must equal the form the session drew, byte for byte in canonical JSON; answers
 * must have the shapes the form expects. Either failing is a poison event. Returns false when
 * the session was already scored (redelivery, replay): the conditional write refuses it.
 */
export async function scoreSubmission(
  store: ScoringStore,
  event: EventDetail<typeof sessionSubmitted>,
  now = new Date(),
): Promise<boolean> {
  const { tenantId, data } = event;
  if (await store.getCard(tenantId, data.sessionId)) return false;
  // The candidate was erased before the submission arrived: nothing of it may be kept.
  if (await store.isErased(tenantId, data.sessionId)) return false;
  const submission =
    'submissionRef' in data
      ? await resolveClaim<{ form: { itemIds: string[]; playbook: unknown }; answers: unknown }>(
          tenantId,
          data.submissionRef,
        )
      : data;
  const rubric = await pinnedRubric(store, tenantId, data.playbook);
  const form = formFor(rubric, submission.form.itemIds);
  if (canonicalJson(form) !== canonicalJson(submission.form.playbook)) {
    throw new PoisonEventError(
      `session ${data.sessionId}: the submitted form is not ${data.playbook.id}@${data.playbook.version} restricted to its drawn items`,
    );
  }
  const checked = validateAnswers(form, submission.answers);
  if (!checked.ok) {
    throw new PoisonEventError(
      // Item ids only: the problems' messages quote the candidate's answers.
      `session ${data.sessionId}: answers of the wrong shape for ${checked.problems.map((p) => p.item ?? '(sheet)').join(', ')}`,
    );
  }
  const card = score(form, checked.answers);
  const at = now.toISOString();
  const record: CardRecord = {
    sessionId: data.sessionId,
    assessmentId: data.assessmentId,
    scorecardId: `scr_${ulid(now.getTime())}`,
    revision: 0,
    playbook: data.playbook,
    itemIds: submission.form.itemIds,
    answers: checked.answers as CardRecord['answers'],
    engineCard: card,
    card,
    overrides: {},
    history: [
      {
        revision: 0,
        kind: 'scored',
        at,
        version: data.playbook.version,
        total: card.total,
        band: card.band,
      },
    ],
    scoredAt: at,
    updatedAt: at,
    ...(data.retainUntil ? { retainUntil: data.retainUntil } : {}),
  };
  const ctx = { tenantId, correlationId: event.correlationId, causationId: event.eventId };
  try {
    await store.putCard(tenantId, record, undefined, (ref) => ({
      def: scoreComputed,
      detail: createEvent(scoreComputed, ctx, { ...summary(record, ref), scoredAt: at }, now),
    }));
  } catch (err) {
    // A concurrent delivery of the same event scored it first: nothing more to do.
    if (err instanceof StaleCardError) return false;
    throw err;
  }
  return true;
}

function summary(
  record: CardRecord,
  ref: ClaimRef,
): Omit<EventData<typeof scoreComputed>, 'scoredAt'> {
  const { card } = record;
  return {
    sessionId: record.sessionId,
    assessmentId: record.assessmentId,
    scorecardId: record.scorecardId,
    revision: record.revision,
    playbook: record.playbook,
    total: card.total,
    band: card.band,
    sections: Object.fromEntries(
      Object.entries(card.sections).map(([id, s]) => [id, { score: s.score, weight: s.weight }]),
    ),
    redFlags: card.redFlags.map((f) => f.id),
    scorecardRef: ref,
    ...(record.retainUntil ? { retainUntil: record.retainUntil } : {}),
  };
}

export async function readCard(
  store: ScoringStore,
  tenantId: string,
  sessionId: string,
): Promise<CardRecord> {
  const record = await store.getCard(tenantId, sessionId);
  if (!record) throw problems.notFound(`The scorecard of session ${sessionId}`);
  return record;
}

/** A card that may still change: an erased candidate's is closed to reviews and interviews. */
export async function writableCard(
  store: ScoringStore,
  tenantId: string,
  sessionId: string,
): Promise<CardRecord> {
  const record = await readCard(store, tenantId, sessionId);
  if (record.erasedAt)
    throw new HttpProblem(
      409,
      'candidate-erased',
      'Candidate erased',
      `The candidate of session ${sessionId} was erased; the scorecard can no longer change`,
    );
  return record;
}

/** What the API shows of a card (never the answers). */
export function cardView(record: CardRecord) {
  return {
    sessionId: record.sessionId,
    assessmentId: record.assessmentId,
    scorecardId: record.scorecardId,
    revision: record.revision,
    playbook: record.playbook,
    scorecard: record.card,
    overrides: record.overrides,
    history: record.history,
    scoredAt: record.scoredAt,
    updatedAt: record.updatedAt,
  };
}

/**
 * The engine's card with reviewers' item scores in place of the engine's. With any override,
 * every section is recomputed from the (2-decimal) item scores, then the total and the band
 * (hurdles included), so the same overrides always give the same card. Each overridden item
 * gains a `review` evidence line so its evidence still adds up to its score.
 */
export function applyOverrides(
  engine: Scorecard,
  form: Playbook,
  overrides: Record<string, Override>,
): Scorecard {
  if (Object.keys(overrides).length === 0) return engine;
  const items = { ...engine.items };
  for (const [itemId, o] of Object.entries(overrides)) {
    const item = items[itemId]!;
    items[itemId] = {
      ...item,
      score: o.score,
      evidence: [
        ...item.evidence,
        {
          rule: 'review',
          met: true,
          points: round(o.score - item.score, 2),
          text: o.reason,
          note: `overridden by ${o.reviewer}`,
        },
      ],
    };
  }
  const sections: Record<string, SectionResult> = {};
  let total = 0;
  const caps: BandName[] = [];
  for (const section of form.sections) {
    const inSection = Object.values(items).filter((i) => i.section === section.id);
    const points = inSection.reduce((sum, i) => sum + i.score, 0);
    const max = inSection.reduce((sum, i) => sum + i.max, 0);
    const sectionScore = max > 0 ? (100 * points) / max : 0;
    total += (sectionScore * section.weight) / 100;
    const result: SectionResult = {
      score: round(sectionScore, 1),
      weight: section.weight,
      points: round(points, 2),
      max: round(max, 2),
    };
    if (section.hurdle) {
      const met = sectionScore >= section.hurdle.min;
      result.hurdle = { min: section.hurdle.min, met, capBand: section.hurdle.capBand };
      if (!met) caps.push(section.hurdle.capBand);
    }
    sections[section.id] = result;
  }
  const rounded = round(total, 1);
  const bandBeforeHurdles = bandFor(rounded, form.bands);
  return {
    ...engine,
    total: rounded,
    band: caps.reduce(
      (a, b) => (BAND_ORDER.indexOf(a) <= BAND_ORDER.indexOf(b) ? a : b),
      bandBeforeHurdles,
    ),
    bandBeforeHurdles,
    sections,
    items,
  };
}

export interface ItemDiff {
  itemId: string;
  before: { score: number; max: number } | null;
  after: { score: number; max: number } | null;
  delta: number;
}

/** Item by item, in the before card's order then any new items: what a re-score changed. */
export function diffCards(before: Scorecard, after: Scorecard): ItemDiff[] {
  const ids = [...new Set([...Object.keys(before.items), ...Object.keys(after.items)])];
  return ids.map((itemId) => {
    const b = before.items[itemId];
    const a = after.items[itemId];
    return {
      itemId,
      before: b ? { score: b.score, max: b.max } : null,
      after: a ? { score: a.score, max: a.max } : null,
      delta: round((a?.score ?? 0) - (b?.score ?? 0), 2),
    };
  });
}

/** Overrides one item's score; the reviewer is the API key id. */
export async function reviewItem(
  store: ScoringStore,
  tenantId: string,
  sessionId: string,
  body: { itemId: string; score: number; reason: string },
  reviewer: string,
  ctx: EnvelopeContext,
  now = new Date(),
) {
  return withRetries(async () => {
    const record = await writableCard(store, tenantId, sessionId);
    const item = record.engineCard.items[body.itemId];
    if (!item) {
      throw scoringProblems.invalidField('body/itemId', 'not an item of this scorecard');
    }
    if (body.score > item.max) {
      throw scoringProblems.invalidField('body/score', `must be at most the item's ${item.max}`);
    }
    const form = formFor(await rubricOf(store, tenantId, record.playbook), record.itemIds);
    const at = now.toISOString();
    const overrides = { ...record.overrides, [body.itemId]: { ...body, reviewer, at } };
    const card = applyOverrides(record.engineCard, form, overrides);
    const from = record.card.items[body.itemId]!.score;
    const entry: HistoryEntry = {
      revision: record.revision + 1,
      kind: 'review',
      at,
      reviewer,
      itemId: body.itemId,
      from,
      to: body.score,
      reason: body.reason,
      total: card.total,
      band: card.band,
    };
    const next = nextRecord(record, card, overrides, entry, at);
    await store.putCard(tenantId, next, record.revision, (ref) => ({
      def: scoreRevised,
      detail: createEvent(
        scoreRevised,
        ctx,
        {
          ...summary(next, ref),
          kind: 'review',
          review: { itemId: body.itemId, from, to: body.score, reason: body.reason, reviewer },
          revisedAt: at,
        },
        now,
      ),
    }));
    return cardView(next);
  });
}

/**
 * Re-scores the stored answers with a newer version of the same playbook (the newest held when
 * none is named), on the same draw: items the new version dropped leave the card, and an answer
 * the new version no longer accepts counts as unanswered. Overrides belonged to the old items'
 * scoring, so they are cleared (and named in the history).
 */
export async function rescoreSession(
  store: ScoringStore,
  tenantId: string,
  sessionId: string,
  body: { version?: string },
  reviewer: string,
  ctx: EnvelopeContext,
  now = new Date(),
) {
  return withRetries(async () => {
    const record = await writableCard(store, tenantId, sessionId);
    const current = record.playbook;
    const version =
      body.version ?? (await knownVersions(store, tenantId, current.id)).at(-1) ?? current.version;
    if (compareVersions(version, current.version) <= 0) {
      throw scoringProblems.invalidField(
        'body/version',
        `must be newer than the scored version ${current.version}`,
      );
    }
    const rubric = await findRubric(store, tenantId, current.id, version);
    if (!rubric) {
      throw scoringProblems.invalidField(
        'body/version',
        `${current.id}@${version} is not a published version`,
      );
    }
    const form = formFor(rubric, record.itemIds);
    const formIds = new Set(form.items.map((i) => i.id));
    const accepted: Record<string, unknown> = {};
    const dropped: string[] = [];
    for (const [itemId, answer] of Object.entries(record.answers)) {
      if (!formIds.has(itemId)) continue;
      if (validateAnswers(form, { [itemId]: answer }).ok) accepted[itemId] = answer;
      else dropped.push(itemId);
    }
    const checked = validateAnswers(form, accepted);
    if (!checked.ok) throw new Error(`re-score of ${sessionId}: answers failed re-validation`);
    const card = score(form, checked.answers);
    const pinned: PinnedPlaybook = { id: current.id, version, hash: playbookHash(rubric) };
    const at = now.toISOString();
    const entry: HistoryEntry = {
      revision: record.revision + 1,
      kind: 'rescore',
      at,
      reviewer,
      fromVersion: current.version,
      toVersion: version,
      total: card.total,
      band: card.band,
      clearedOverrides: Object.keys(record.overrides),
    };
    const next = { ...nextRecord(record, card, {}, entry, at), playbook: pinned, engineCard: card };
    const diff = diffCards(record.card, card);
    await store.putCard(tenantId, next, record.revision, (ref) => ({
      def: scoreRevised,
      detail: createEvent(
        scoreRevised,
        ctx,
        {
          ...summary(next, ref),
          kind: 'rescore',
          rescore: {
            fromVersion: current.version,
            toVersion: version,
            totalBefore: record.card.total,
            bandBefore: record.card.band,
            changedItems: diff.filter((d) => d.delta !== 0 || !d.before || !d.after).length,
            reviewer,
          },
          revisedAt: at,
        },
        now,
      ),
    }));
    return {
      ...cardView(next),
      diff: {
        fromVersion: current.version,
        toVersion: version,
        total: { before: record.card.total, after: card.total },
        band: { before: record.card.band, after: card.band },
        items: diff,
        droppedAnswers: dropped,
      },
    };
  });
}

async function rubricOf(
  store: ScoringStore,
  tenantId: string,
  pinned: PinnedPlaybook,
): Promise<Playbook> {
  const rubric = await findRubric(store, tenantId, pinned.id, pinned.version);
  if (!rubric) throw new Error(`rubric ${pinned.id}@${pinned.version} of a stored card is gone`);
  return rubric;
}

function nextRecord(
  record: CardRecord,
  card: Scorecard,
  overrides: Record<string, Override>,
  entry: HistoryEntry,
  at: string,
): CardRecord {
  return {
    ...record,
    revision: entry.revision,
    card,
    overrides,
    history: [...record.history, entry],
    updatedAt: at,
  };
}

async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof StaleCardError)) throw err;
      if (i >= WRITE_ATTEMPTS) throw scoringProblems.busy();
    }
  }
}
