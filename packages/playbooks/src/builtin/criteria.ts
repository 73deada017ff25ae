// Small builders for written-item criteria, so content modules read as rubrics rather than
// as schema plumbing. Every builder returns the format's own input shape.
import type { CriterionInput } from './types';

type Level = CriterionInput['levels'][number];

/** A criterion met when at least `min` of the synonym sets appear; points rise with the count. */
export function concepts(
  id: string,
  description: string,
  sets: Record<string, string[]>,
  levels: Level[],
): CriterionInput {
  return {
    id,
    description,
    feature: {
      kind: 'concepts',
      concepts: Object.entries(sets).map(([conceptId, terms]) => ({ id: conceptId, terms })),
    },
    levels,
  };
}

/** One synonym set, all-or-nothing. */
export function concept(
  id: string,
  description: string,
  terms: string[],
  points: number,
): CriterionInput {
  return concepts(id, description, { [id]: terms }, [{ points, min: 1, label: description }]);
}

/** Word-count window; `max` alone means "no more than". */
export function length(min: number, max: number, points: number): CriterionInput {
  return {
    id: 'length',
    description: min > 1 ? `${min}–${max} words` : `No more than ${max} words`,
    feature: { kind: 'length' },
    levels: [{ points, min, max }],
  };
}

/** Ends with a courteous closing line. */
export function closing(): CriterionInput {
  return {
    id: 'closing',
    description: 'Closes courteously',
    feature: { kind: 'closing' },
    levels: [{ points: 1, min: 1 }],
  };
}

/** Plain reading level for patients and colleagues: full points at grade 9, half up to 11. */
export function readability(): CriterionInput {
  return {
    id: 'readability',
    description: 'Reading grade 9 or below',
    feature: { kind: 'readability' },
    levels: [
      { points: 2, max: 9, label: 'Grade 9 or below' },
      { points: 1, max: 11, label: 'Grade 10 or 11' },
    ],
  };
}
