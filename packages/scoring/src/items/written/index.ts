// Written answers: each criterion measures one feature and maps the measure to points via levels.
import type { TextAnswer } from '../../answers';
import type { CriterionForm, WrittenForm } from '../../form';
import type { Evidence } from '../../scorecard';
import { analyze } from '../../text/analyze';
import { unanswered, type ItemScorer } from '../item-scorer';
import { ABSENCE_FEATURES, compileFeature } from './features';

/** Below this many words, "has no X" criteria earn nothing: an empty answer has no blame either. */
const MIN_WORDS_FOR_ABSENCE_CREDIT = 20;

function levelPoints(criterion: CriterionForm, measure: number): number {
  let best = 0;
  for (const level of criterion.levels) {
    const inside =
      (level.min === undefined || measure >= level.min) &&
      (level.max === undefined || measure <= level.max);
    if (inside && level.points > best) best = level.points;
  }
  return best;
}

export function compileWritten(item: WrittenForm): ItemScorer {
  const criteria = item.criteria.map((criterion) => ({
    criterion,
    meter: compileFeature(criterion.feature),
    max: Math.max(0, ...criterion.levels.map((l) => l.points)),
    rewardsAbsence: ABSENCE_FEATURES.has(criterion.feature.kind),
    redFlag: 'redFlag' in criterion.feature ? criterion.feature.redFlag : undefined,
  }));
  const max = criteria.reduce((sum, c) => sum + c.max, 0);
  return {
    max,
    score(answer) {
      const text = (answer as TextAnswer | undefined)?.text;
      if (text === undefined || text.trim() === '') return unanswered(max);
      const doc = analyze(text);
      const tooShort = doc.tokens.length < MIN_WORDS_FOR_ABSENCE_CREDIT;
      const evidence: Evidence[] = [];
      const redFlags: { id: string; text: string }[] = [];
      let score = 0;
      for (const c of criteria) {
        const measured = c.meter(doc);
        const withheld = tooShort && c.rewardsAbsence;
        const points = withheld ? 0 : levelPoints(c.criterion, measured.measure);
        score += points;
        evidence.push({
          rule: c.criterion.id,
          met: points === c.max,
          points,
          max: c.max,
          measure: measured.measure,
          text: measured.text,
          ...(withheld
            ? { note: `answer under ${MIN_WORDS_FOR_ABSENCE_CREDIT} words: no credit for absences` }
            : {}),
        });
        if (measured.flagged && c.redFlag !== undefined)
          redFlags.push({ id: c.redFlag, text: measured.text });
      }
      return { score, answered: true, evidence, redFlags };
    },
  };
}
