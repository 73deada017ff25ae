// Procedures: free-text steps scored as coverage (weighted steps present) then order, with caps
// for missing critical steps. A step only counts where the answer says to DO it: in a clause
// that is not negated and that contains an action verb.
import type { TextAnswer } from '../../answers';
import type { ProcedureForm } from '../../form';
import type { Evidence } from '../../scorecard';
import { analyze, type Clause, type Doc } from '../../text/analyze';
import { compilePhrases, findPhrases, matchText, type PhraseMatch } from '../../text/phrases';
import { excerpt, unanswered, type ItemScorer } from '../item-scorer';
import { lcsWithDeclaredOrder, precedenceSatisfied } from './order';

/** Credit for a step named in a short phrase without sentence structure ("Resubmit claim"). */
const TERSE_CREDIT = 0.5;
/** Credit for a step named in a run of keywords (4+ words without a function word, or a keyword-run sentence). */
const KEYWORD_RUN_CREDIT = 0.25;
/** A sentence has at least this many words and at least one function word. */
const SENTENCE_MIN_WORDS = 3;
const KEYWORD_RUN_MIN_WORDS = 4;

interface Credit {
  credit: number;
  position: number;
  text: string;
  note?: string;
}

/** How much a match in this clause is worth, or why it is worth nothing. */
function assess(doc: Doc, clause: Clause, match: PhraseMatch): { credit: number; reason: string } {
  const span = excerpt(matchText(doc, match), 80);
  if (clause.negator !== -1 && clause.negator < match.first) {
    const negated = excerpt(
      doc.text.slice(doc.tokens[clause.negator]!.start, doc.tokens[match.last]!.end),
      80,
    );
    return { credit: 0, reason: `negated: "${negated}"` };
  }
  if (clause.verbs === 0) return { credit: 0, reason: `named without an action: "${span}"` };
  const words = clause.end - clause.first;
  if (doc.sentences[clause.sentence]!.keywordRun) return { credit: KEYWORD_RUN_CREDIT, reason: '' };
  if (clause.functionWords > 0 && words >= SENTENCE_MIN_WORDS) return { credit: 1, reason: '' };
  return { credit: words >= KEYWORD_RUN_MIN_WORDS ? KEYWORD_RUN_CREDIT : TERSE_CREDIT, reason: '' };
}

/**
 * Decide which steps the answer performs. Each action verb carries one step: matches whose own
 * span holds a verb ("post the payment") claim it first, then the rest claim the nearest
 * verb left in their clause ("the EOB … post the payment" cannot use "post" twice).
 */
function creditSteps(doc: Doc, matches: PhraseMatch[], stepCount: number) {
  const credits: (Credit | undefined)[] = new Array(stepCount);
  const refusals: (string | undefined)[] = new Array(stepCount);
  const claimed = new Set<number>();
  const candidates: { match: PhraseMatch; credit: number }[] = [];
  for (const match of matches) {
    const { credit, reason } = assess(doc, doc.clauses[doc.tokens[match.first]!.clause]!, match);
    if (credit === 0) refusals[match.owner] ??= reason;
    else candidates.push({ match, credit });
  }
  const award = (match: PhraseMatch, credit: number, verb: number) => {
    const current = credits[match.owner];
    if (current !== undefined && current.credit >= credit) return;
    claimed.add(verb);
    credits[match.owner] = {
      credit,
      position: match.first,
      text: excerpt(matchText(doc, match), 120),
      ...(credit < 1
        ? {
            note: `${credit === TERSE_CREDIT ? 'terse phrase' : 'keyword list'}, not a sentence: partial credit`,
          }
        : {}),
    };
  };
  for (const { match, credit } of candidates) {
    const own = freeVerb(doc, claimed, match.first, match.last + 1);
    if (own !== -1) award(match, credit, own);
  }
  for (const { match, credit } of candidates) {
    const current = credits[match.owner];
    if (current !== undefined && current.credit >= credit) continue;
    const clause = doc.clauses[doc.tokens[match.first]!.clause]!;
    const verb = nearestFreeVerb(doc, claimed, clause, match.first);
    if (verb !== -1) award(match, credit, verb);
    else
      refusals[match.owner] ??=
        `its clause has no action verb left: "${excerpt(matchText(doc, match), 80)}"`;
  }
  return { credits, refusals };
}

function freeVerb(doc: Doc, claimed: Set<number>, from: number, to: number): number {
  for (let i = from; i < to; i++) if (doc.tokens[i]!.verb && !claimed.has(i)) return i;
  return -1;
}

function nearestFreeVerb(doc: Doc, claimed: Set<number>, clause: Clause, at: number): number {
  let best = -1;
  for (let i = clause.first; i < clause.end; i++) {
    if (
      doc.tokens[i]!.verb &&
      !claimed.has(i) &&
      (best === -1 || Math.abs(i - at) < Math.abs(best - at))
    )
      best = i;
  }
  return best;
}

export function compileProcedure(item: ProcedureForm): ItemScorer {
  const steps = item.steps;
  const phrases = compilePhrases(
    steps.map((s) => s.terms),
    'loose',
  );
  const totalWeight = steps.reduce((sum, s) => sum + s.weight, 0);
  const coveragePoints = item.points * (1 - item.order.share);
  const orderPoints = item.points * item.order.share;
  const cap = item.points * item.criticalCap;

  return {
    max: item.points,
    score(answer) {
      const text = (answer as TextAnswer | undefined)?.text;
      if (text === undefined || text.trim() === '') return unanswered(item.points);
      const doc = analyze(text);
      const { credits, refusals } = creditSteps(doc, findPhrases(phrases, doc), steps.length);

      const evidence: Evidence[] = [];
      let coverage = 0;
      const missingCritical: string[] = [];
      steps.forEach((step, i) => {
        const stepMax = (coveragePoints * step.weight) / totalWeight;
        const credit = credits[i];
        if (credit !== undefined) {
          coverage += (step.weight * credit.credit) / totalWeight;
          evidence.push({
            rule: `step:${step.id}`,
            met: true,
            points: stepMax * credit.credit,
            max: stepMax,
            text: credit.text,
            ...(credit.note ? { note: credit.note } : {}),
          });
          return;
        }
        if (step.critical) missingCritical.push(step.id);
        const reason = refusals[i] ?? 'not mentioned';
        evidence.push({
          rule: `step:${step.id}`,
          met: false,
          points: 0,
          max: stepMax,
          text: step.critical ? `critical step missing (${reason})` : reason,
        });
      });

      const mentioned = steps
        .map((step, index) => ({ step, index, credit: credits[index] }))
        .filter((s): s is typeof s & { credit: Credit } => s.credit !== undefined)
        .sort((a, b) => a.credit.position - b.credit.position || a.index - b.index);
      evidence.push(orderEvidence(item, mentioned, coverage, orderPoints));

      const raw = evidence.reduce((sum, e) => sum + e.points, 0);
      if (missingCritical.length > 0 && raw > cap) {
        evidence.push({
          rule: 'critical-cap',
          met: false,
          points: cap - raw,
          text: `missing critical step(s) ${missingCritical.join(', ')}: item capped at ${Math.round(item.criticalCap * 100)}%`,
        });
      }
      return {
        score: Math.min(raw, missingCritical.length > 0 ? cap : raw),
        answered: true,
        evidence,
        redFlags: [],
      };
    },
  };
}

function orderEvidence(
  item: ProcedureForm,
  mentioned: { step: { id: string }; index: number }[],
  coverage: number,
  orderPoints: number,
): Evidence {
  const sequence = mentioned.map((m) => m.step.id).join(' → ') || 'no steps';
  let fraction: number;
  let detail: string;
  if (item.order.method === 'precedence') {
    const positions = new Map(mentioned.map((m, rank) => [m.step.id, rank]));
    const { satisfied, applicable } = precedenceSatisfied(positions, item.order.precedence);
    fraction = applicable === 0 ? (mentioned.length > 0 ? 1 : 0) : satisfied / applicable;
    detail = `${satisfied} of ${applicable} precedence rules hold`;
  } else {
    const inOrder = lcsWithDeclaredOrder(mentioned.map((m) => m.index));
    fraction = mentioned.length === 0 ? 0 : inOrder / mentioned.length;
    detail = `${inOrder} of ${mentioned.length} steps in the expected order`;
  }
  return {
    rule: 'order',
    met: fraction === 1 && mentioned.length > 0,
    points: orderPoints * coverage * fraction,
    max: orderPoints,
    text: `${sequence} (${detail}; scaled by coverage ${Math.round(coverage * 100)}%)`,
  };
}
