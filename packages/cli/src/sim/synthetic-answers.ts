// Synthetic answers of a chosen quality, generated from a playbook's own keys, step descriptions
// and concept terms with a seeded PRNG: the same seed gives the same answers on every machine.
// Shared by the scoring benchmark, the demo and the load generator.
import type { Item } from '@assay/playbooks';
import type { Answer } from '@assay/scoring';

export const QUALITIES = ['strong', 'average', 'weak', 'stuffed'] as const;
export type Quality = (typeof QUALITIES)[number];

/** mulberry32: a tiny seeded PRNG, so the generated sheets are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** "1234.5" → "1,234.50", as candidates type money (no Intl: the output must not depend on locale). */
function money(value: number): string {
  const [whole, cents = ''] = value.toFixed(2).split('.');
  return `$${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

const FILLER = [
  'I checked the account history before doing anything else.',
  'It is important to keep the patient informed along the way.',
  'I would note everything in the account so the next person can follow it.',
  'This usually takes a few days, depending on the payer.',
];

export function generateAnswer(
  item: Item,
  quality: Quality,
  random: () => number,
): Answer | undefined {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const hits =
    quality === 'strong' ? 0.95 : quality === 'average' ? 0.65 : quality === 'weak' ? 0.3 : 0.8;
  switch (item.type) {
    case 'sjt': {
      if (random() < hits) return { ...item.key };
      const [best, worst] = shuffle([...item.options], random).map((o) => o.id);
      return { best: best!, worst: worst! };
    }
    case 'detail': {
      const response = item.response;
      if (response.kind === 'choice')
        return { choice: random() < hits ? response.key : pick(response.options).id };
      const value = random() < hits ? response.key : response.key + 10 * Math.ceil(random() * 5);
      return { value: pick([money(value), String(value), value, `${value} `]) };
    }
    case 'written': {
      const terms = item.criteria.flatMap((c) =>
        c.feature.kind === 'concepts' ? c.feature.concepts.map((k) => pick(k.terms)) : [],
      );
      const used = terms.filter(() => random() < hits);
      if (quality === 'stuffed') return { text: used.join(' ') };
      const body = used.map((t) =>
        pick([
          `I want to explain ${t} clearly.`,
          `Please see ${t} below.`,
          `We can talk about ${t} today.`,
        ]),
      );
      const filler = Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(FILLER));
      return {
        text: ['Dear Ms. Smith,', '', ...body, ...filler, '', 'Kind regards,', 'Anna'].join('\n'),
      };
    }
    case 'procedure': {
      const steps = item.steps.filter(() => random() < hits);
      if (quality === 'stuffed') return { text: steps.map((s) => pick(s.terms)).join(', ') };
      if (quality === 'weak') shuffle(steps, random);
      const lines = steps.map((s, i) => {
        const action = s.description.charAt(0).toLowerCase() + s.description.slice(1);
        const negated = quality === 'weak' && random() < 0.3;
        return `${i + 1}. ${negated ? 'I would not' : pick(['I would', 'Then I would', 'Next, I would'])} ${action}, and ${pick(FILLER).toLowerCase()}`;
      });
      return { text: lines.join('\n') };
    }
  }
}
