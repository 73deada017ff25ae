import type { Fact } from '../store';
import { round } from './round';
import type { ScoreBody, SubmittedBody } from './session-report';
import {
  adverseImpact,
  histogram,
  itemAnalysis,
  mean,
  percentileRanks,
  type ImpactRow,
} from './statistics';

/** Below this many scored candidates, item statistics are too unstable to act on. */
export const MIN_COHORT_FOR_ANALYTICS = 100;

export interface CohortMember {
  sessionId: string;
  total: number;
  band: string;
  sections: Record<string, { score: number }>;
  items: Record<string, { type: string; score: number; max: number }>;
  choices: SubmittedBody['choices'];
}

/** One member per scored session: its highest revision, plus its picks when submitted is known. */
export function cohortMembers(facts: readonly Fact[]): CohortMember[] {
  const latest = new Map<string, ScoreBody>();
  const choices = new Map<string, SubmittedBody['choices']>();
  for (const f of facts) {
    if (f.key === 'SUBMITTED') choices.set(f.sessionId, (f.body as SubmittedBody).choices);
    if (!f.key.startsWith('SCORE#')) continue;
    const body = f.body as ScoreBody;
    const held = latest.get(f.sessionId);
    if (!held || held.revision < body.revision) latest.set(f.sessionId, body);
  }
  return [...latest.entries()].map(([sessionId, s]) => ({
    sessionId,
    total: s.scorecard.total,
    band: s.scorecard.band,
    sections: s.scorecard.sections,
    items: s.scorecard.items,
    choices: choices.get(sessionId) ?? {},
  }));
}

export interface CohortReport {
  candidates: number;
  warning: string | null;
  ranking: { rank: number; sessionId: string; total: number; band: string; percentile: number }[];
  histogram: { from: number; to: number; count: number }[];
  bands: Record<string, number>;
  sections: Record<string, { mean: number }>;
  items: {
    itemId: string;
    type: string;
    n: number;
    difficulty: number;
    correctedItemTotal: number | null;
    distractors?: Record<string, { best?: number; worst?: number; chosen?: number }>;
  }[];
  reliability: { alpha: number | null; sem: number | null; itemsInAlpha: number };
}

/**
 * Ranking (total descending, ties share the better rank, then by session id), percentile ranks,
 * a 10-point histogram, band counts, section means and classical item analysis.
 */
export function cohortReport(members: readonly CohortMember[]): CohortReport {
  const ordered = [...members].sort(
    (a, b) => b.total - a.total || (a.sessionId < b.sessionId ? -1 : 1),
  );
  const totals = ordered.map((m) => m.total);
  const percentiles = percentileRanks(totals);
  let rank = 0;
  const ranking = ordered.map((m, i) => {
    if (i === 0 || ordered[i - 1]!.total !== m.total) rank = i + 1;
    return {
      rank,
      sessionId: m.sessionId,
      total: m.total,
      band: m.band,
      percentile: round(percentiles[i]!, 1),
    };
  });
  const bands: Record<string, number> = {};
  for (const m of ordered) bands[m.band] = (bands[m.band] ?? 0) + 1;
  const sectionIds = [...new Set(ordered.flatMap((m) => Object.keys(m.sections)))];
  const itemIds = [...new Set(ordered.flatMap((m) => Object.keys(m.items)))];
  const analysis = itemAnalysis(
    itemIds,
    ordered.map((m) => m.items),
  );
  const types = new Map(
    ordered.flatMap((m) => Object.entries(m.items).map(([id, i]) => [id, i.type])),
  );
  return {
    candidates: ordered.length,
    warning:
      ordered.length < MIN_COHORT_FOR_ANALYTICS
        ? `Only ${ordered.length} scored candidates: item statistics are unstable below ${MIN_COHORT_FOR_ANALYTICS}`
        : null,
    ranking,
    histogram: histogram(totals),
    bands,
    sections: Object.fromEntries(
      sectionIds.map((id) => [
        id,
        {
          mean: round(
            mean(ordered.flatMap((m) => (m.sections[id] ? [m.sections[id]!.score] : []))),
            1,
          ),
        },
      ]),
    ),
    items: analysis.items.map((s) => {
      const distractors = distractorCounts(s.itemId, ordered);
      return {
        itemId: s.itemId,
        type: types.get(s.itemId)!,
        n: s.n,
        difficulty: round(s.difficulty, 3),
        correctedItemTotal: s.correctedItemTotal === null ? null : round(s.correctedItemTotal, 3),
        ...(distractors ? { distractors } : {}),
      };
    }),
    reliability: {
      alpha: analysis.alpha === null ? null : round(analysis.alpha, 3),
      sem: analysis.sem === null ? null : round(analysis.sem, 2),
      itemsInAlpha: analysis.itemsInAlpha,
    },
  };
}

/** How often each option was picked as best / worst (sjt) or chosen (choice items). */
function distractorCounts(
  itemId: string,
  members: readonly CohortMember[],
): Record<string, { best?: number; worst?: number; chosen?: number }> | undefined {
  const counts: Record<string, { best?: number; worst?: number; chosen?: number }> = {};
  const bump = (option: string, field: 'best' | 'worst' | 'chosen') => {
    const c = (counts[option] ??= {});
    c[field] = (c[field] ?? 0) + 1;
  };
  for (const m of members) {
    const pick = m.choices[itemId];
    if (!pick) continue;
    if (pick.best) bump(pick.best, 'best');
    if (pick.worst) bump(pick.worst, 'worst');
    if (pick.choice) bump(pick.choice, 'chosen');
  }
  return Object.keys(counts).length > 0 ? counts : undefined;
}

/** The ranking as CSV (RFC 4180), one row per candidate. */
export function cohortCsv(report: CohortReport): string {
  const rows = [['rank', 'session_id', 'total', 'band', 'percentile']];
  for (const r of report.ranking) {
    rows.push([String(r.rank), r.sessionId, String(r.total), r.band, String(r.percentile)]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export interface AdverseImpactReport {
  dimension: string;
  cut: number;
  candidates: number;
  groups: ImpactRow[];
  unknown: number;
  note: string;
}

/** Selection at `cut` per self-reported category of `dimension` (demographics never scored). */
export function adverseImpactReport(
  members: readonly CohortMember[],
  demographics: ReadonlyMap<string, Record<string, string>>,
  dimension: string,
  cut: number,
): AdverseImpactReport {
  const result = adverseImpact(
    members.map((m) => ({ score: m.total, category: demographics.get(m.sessionId)?.[dimension] })),
    cut,
  );
  return {
    dimension,
    cut,
    candidates: members.length,
    groups: result.groups.map((g) => ({
      ...g,
      rate: round(g.rate, 4),
      impactRatio: g.impactRatio === null ? null : round(g.impactRatio, 4),
    })),
    unknown: result.unknown,
    note: 'Four-fifths rule: a group selected at under 80 % of the highest group’s rate is flagged. Small groups make the ratio unstable; it is a screen, not a finding.',
  };
}
