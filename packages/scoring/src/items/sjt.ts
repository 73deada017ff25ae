// Situational judgment, best AND worst pick. Max 2 points under both methods (see format.ts).
import type { SjtAnswer } from '../answers';
import type { SjtForm } from '../form';
import type { Evidence } from '../scorecard';
import { unanswered, type ItemOutcome, type ItemScorer } from './item-scorer';

const MAX = 2;
const HIGHEST = 4;
const LOWEST = 1;

function plusMinus(item: SjtForm, answer: SjtAnswer): Evidence[] {
  const { best, worst } = item.key;
  const pickedBest: Evidence =
    answer.best === best
      ? {
          rule: 'best',
          met: true,
          points: 1,
          max: 1,
          text: `picked ${answer.best} as best, the keyed best`,
        }
      : answer.best === worst
        ? {
            rule: 'best',
            met: false,
            points: -1,
            max: 1,
            text: `picked ${answer.best} as best, the keyed worst (keyed best: ${best})`,
          }
        : {
            rule: 'best',
            met: false,
            points: 0,
            max: 1,
            text: `picked ${answer.best} as best (keyed best: ${best})`,
          };
  const pickedWorst: Evidence =
    answer.worst === worst
      ? {
          rule: 'worst',
          met: true,
          points: 1,
          max: 1,
          text: `picked ${answer.worst} as worst, the keyed worst`,
        }
      : answer.worst === best
        ? {
            rule: 'worst',
            met: false,
            points: -1,
            max: 1,
            text: `picked ${answer.worst} as worst, the keyed best (keyed worst: ${worst})`,
          }
        : {
            rule: 'worst',
            met: false,
            points: 0,
            max: 1,
            text: `picked ${answer.worst} as worst (keyed worst: ${worst})`,
          };
  const evidence = [pickedBest, pickedWorst];
  const sum = pickedBest.points + pickedWorst.points;
  if (sum < 0)
    evidence.push({ rule: 'floor', met: false, points: -sum, text: 'item floored at 0' });
  return evidence;
}

function distance(item: SjtForm, answer: SjtAnswer): Evidence[] {
  const rating = (id: string) => item.options.find((o) => o.id === id)?.effectiveness ?? LOWEST;
  const span = HIGHEST - LOWEST;
  const bestRating = rating(answer.best);
  const worstRating = rating(answer.worst);
  return [
    {
      rule: 'best',
      met: answer.best === item.key.best,
      points: (bestRating - LOWEST) / span,
      max: 1,
      text: `picked ${answer.best} as best (effectiveness ${bestRating} of ${HIGHEST})`,
    },
    {
      rule: 'worst',
      met: answer.worst === item.key.worst,
      points: (HIGHEST - worstRating) / span,
      max: 1,
      text: `picked ${answer.worst} as worst (effectiveness ${worstRating} of ${HIGHEST})`,
    },
  ];
}

export function compileSjt(item: SjtForm): ItemScorer {
  const flagsIfBest = new Map(
    item.options.flatMap((o) => (o.redFlagIfBest ? [[o.id, o.redFlagIfBest] as const] : [])),
  );
  return {
    max: MAX,
    score(answer): ItemOutcome {
      if (answer === undefined) return unanswered(MAX);
      const picks = answer as SjtAnswer;
      const evidence = item.scoring === 'distance' ? distance(item, picks) : plusMinus(item, picks);
      const flag = flagsIfBest.get(picks.best);
      return {
        score: evidence.reduce((sum, e) => sum + e.points, 0),
        answered: true,
        evidence,
        redFlags: flag ? [{ id: flag, text: `picked ${picks.best} as best` }] : [],
      };
    },
  };
}
