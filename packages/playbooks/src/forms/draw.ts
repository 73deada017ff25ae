// Drawing an assessment form from a playbook: N of each section's M items (an item pool),
// reproducible from a recorded seed. Pure: no clock, no Math.random, no I/O.
import { createHash } from 'node:crypto';
import type { Playbook } from '../format';
import type { PlaybookError } from '../validate';

export interface DrawOptions {
  /** Items to draw per section id; a section not named here contributes every item. */
  sampling?: Record<string, number>;
  /** Any non-empty string; the same seed always draws the same form. */
  seed: string;
}

export interface DrawnForm {
  playbookId: string;
  version: string;
  seed: string;
  /** How many items each section contributed, for every section. */
  sampling: Record<string, number>;
  /** The drawn items' ids in form order. */
  itemIds: string[];
  /** The playbook restricted to the drawn items (in authored order): what scoring scores. */
  playbook: Playbook;
}

/** Sampling that cannot be drawn; `errors` point into the options (`/sampling/<section>`). */
export class FormDrawError extends Error {
  constructor(readonly errors: PlaybookError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  }
}

/**
 * Draws a form. Within a section, each item's rank is the SHA-256 of seed, section and item
 * id; the N lowest ranks win. So a draw depends only on the seed and the pool's ids, never on
 * the order the pool was authored in, and adding an item to a pool leaves every other item's
 * chance unchanged.
 */
export function drawForm(playbook: Playbook, options: DrawOptions): DrawnForm {
  const { seed, sampling = {} } = options;
  const errors: PlaybookError[] = [];
  if (seed.length === 0) errors.push({ path: '/seed', message: 'must not be empty' });

  const pools = new Map(playbook.sections.map((s) => [s.id, [] as string[]]));
  for (const item of playbook.items) pools.get(item.section)?.push(item.id);
  for (const [sectionId, count] of Object.entries(sampling)) {
    const pool = pools.get(sectionId);
    const path = `/sampling/${sectionId.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (!pool) errors.push({ path, message: `unknown section "${sectionId}"` });
    else if (!Number.isInteger(count) || count < 1)
      errors.push({ path, message: `must be a whole number of at least 1 (got ${count})` });
    else if (count > pool.length)
      errors.push({
        path,
        message: `cannot draw ${count} items: section "${sectionId}" has ${pool.length}`,
      });
  }
  if (errors.length > 0) throw new FormDrawError(errors);

  const drawn = new Set<string>();
  const counts: Record<string, number> = {};
  for (const [sectionId, pool] of pools) {
    const count = sampling[sectionId] ?? pool.length;
    counts[sectionId] = count;
    const ranked = pool
      .map((id) => ({ id, rank: rank(seed, sectionId, id) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    for (const { id } of ranked.slice(0, count)) drawn.add(id);
  }
  const items = playbook.items.filter((item) => drawn.has(item.id));
  return {
    playbookId: playbook.id,
    version: playbook.version,
    seed,
    sampling: counts,
    itemIds: items.map((item) => item.id),
    playbook: { ...playbook, items },
  };
}

function rank(seed: string, sectionId: string, itemId: string): string {
  // NUL separators: no two different (seed, section, item) triples hash the same input.
  return createHash('sha256').update(`${seed}\0${sectionId}\0${itemId}`, 'utf8').digest('hex');
}
