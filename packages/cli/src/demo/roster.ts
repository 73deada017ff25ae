// The demo's candidates: synthetic people (invented name pairings, @example.com addresses) with
// a realistic mix of answer qualities, all drawn from a seed so every run invites the same cohort.
import { prng, shuffle, type Quality } from '../sim/synthetic-answers';

export interface DemoCandidate {
  /** 1-based position in the roster; also the candidate's external id in the tenant's ATS. */
  n: number;
  name: string;
  email: string;
  externalId: string;
  quality: Quality;
}

/** A hiring round's usual spread: a few strong, most average or weak, some keyword stuffers. */
export const QUALITY_MIX: Record<Quality, number> = {
  strong: 0.2,
  average: 0.4,
  weak: 0.3,
  stuffed: 0.1,
};

const FIRST = [
  'Ada',
  'Bram',
  'Cleo',
  'Dario',
  'Elin',
  'Femi',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kaia',
  'Luca',
  'Mira',
  'Nico',
  'Oona',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Tilde',
  'Umar',
  'Vera',
  'Wren',
  'Xenia',
  'Yusuf',
  'Zora',
];
const LAST = [
  'Ashgrove',
  'Brightwater',
  'Copperfield',
  'Dunmore',
  'Elderwick',
  'Fairbanks',
  'Glenrock',
  'Hollins',
  'Ironwood',
  'Juniper',
  'Kestrel',
  'Larkspur',
  'Marlowe',
  'Northcott',
  'Oakhurst',
  'Pennywhistle',
  'Quarry',
  'Redfern',
  'Stonebridge',
  'Thornbury',
  'Underhill',
  'Valewood',
  'Westbrook',
  'Yarrow',
];

/** How many of `count` get each quality: the mix's shares, rounded by largest remainder. */
export function qualityCounts(count: number): Record<Quality, number> {
  const entries = Object.entries(QUALITY_MIX) as [Quality, number][];
  const exact = entries.map(([q, share]) => [q, share * count] as const);
  const counts = Object.fromEntries(exact.map(([q, x]) => [q, Math.floor(x)])) as Record<
    Quality,
    number
  >;
  let left = count - Object.values(counts).reduce((a, b) => a + b, 0);
  const byRemainder = [...exact].sort(
    (a, b) => b[1] - Math.floor(b[1]) - (a[1] - Math.floor(a[1])),
  );
  for (const [q] of byRemainder) {
    if (left-- <= 0) break;
    counts[q]++;
  }
  return counts;
}

export function demoRoster(count: number, seed: number): DemoCandidate[] {
  const random = prng(seed);
  const qualities = shuffle(
    Object.entries(qualityCounts(count)).flatMap(([q, k]) => Array<Quality>(k).fill(q as Quality)),
    random,
  );
  // Every first × last pairing once before any repeats, in a seeded order.
  const pairs = shuffle(
    FIRST.flatMap((first) => LAST.map((last) => [first, last] as const)),
    random,
  );
  return qualities.map((quality, i) => {
    const [first, last] = pairs[i % pairs.length]!;
    const round = Math.floor(i / pairs.length);
    const n = i + 1;
    return {
      n,
      name: `${first} ${last}${round > 0 ? ` ${round + 1}` : ''}`,
      email: `${first}.${last}${round > 0 ? round + 1 : ''}@example.com`.toLowerCase(),
      externalId: `demo-${String(n).padStart(4, '0')}`,
      quality,
    };
  });
}
