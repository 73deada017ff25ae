import { z } from 'zod';
import type { Playbook } from '@assay/playbooks';

/** One changed value; `from` is absent for an added field, `to` for a removed one. */
const fieldChange = z.object({
  pointer: z.string().describe('JSON pointer into the entity (the item, section, …)'),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});

const entityChanges = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ id: z.string(), changes: z.array(fieldChange) })),
});

const itemRef = z.object({ id: z.string(), section: z.string(), type: z.string() });

export const playbookDiff = z.object({
  identical: z.boolean(),
  /** Role-level fields: title, summary, time limit, combined weights, … */
  playbook: z.array(fieldChange),
  sections: entityChanges.extend({
    weights: z.array(z.object({ section: z.string(), from: z.number(), to: z.number() })),
  }),
  bands: z.array(z.object({ band: z.string(), from: z.number(), to: z.number() })),
  redFlags: entityChanges,
  items: z.object({
    added: z.array(itemRef),
    removed: z.array(itemRef),
    changed: z.array(
      itemRef.extend({
        fields: z.array(z.string()).describe('Top-level fields of the item that changed'),
        keyChanged: z.boolean().describe('The answer key (SJT best/worst, detail key/tolerance)'),
        changes: z.array(fieldChange),
      }),
    ),
  }),
  interview: entityChanges,
});

export type PlaybookDiff = z.infer<typeof playbookDiff>;
type FieldChange = z.infer<typeof fieldChange>;

/** Fields reported per entity or ignored (`id`, `version` always differ or are the match key). */
const STRUCTURED = new Set([
  'id',
  'version',
  'sections',
  'bands',
  'redFlags',
  'items',
  'interview',
]);
const KEY_POINTERS = /^\/(key|response\/key|response\/tolerance)(\/|$)/;

/** What changed from one playbook version to another, entity by entity. */
export function diffPlaybooks(from: Playbook, to: Playbook): PlaybookDiff {
  const playbook = [...new Set([...Object.keys(from), ...Object.keys(to)])]
    .filter((field) => !STRUCTURED.has(field))
    .flatMap((field) => changes(prop(from, field), prop(to, field), `/${field}`));

  const sections = byId(from.sections, to.sections);
  const weights = sections.pairs
    .filter(([a, b]) => a.weight !== b.weight)
    .map(([a, b]) => ({ section: a.id, from: a.weight, to: b.weight }));
  const bands = (['strong', 'proceed', 'borderline'] as const)
    .filter((band) => from.bands[band] !== to.bands[band])
    .map((band) => ({ band, from: from.bands[band], to: to.bands[band] }));

  const items = byId(from.items, to.items);
  const ref = (i: Playbook['items'][number]) => ({ id: i.id, section: i.section, type: i.type });
  const changedItems = items.pairs.flatMap(([a, b]) => {
    const itemChanges = changes(a, b, '');
    if (itemChanges.length === 0) return [];
    const fields = [...new Set(itemChanges.map((c) => c.pointer.split('/')[1]!))];
    const keyChanged = itemChanges.some((c) => KEY_POINTERS.test(c.pointer));
    return [{ ...ref(b), fields, keyChanged, changes: itemChanges }];
  });

  const diff: PlaybookDiff = {
    identical: false,
    playbook,
    sections: { ...entities(sections), weights },
    bands,
    redFlags: entities(byId(from.redFlags, to.redFlags)),
    items: {
      added: items.added.map(ref),
      removed: items.removed.map(ref),
      changed: changedItems,
    },
    interview: entities(byId(from.interview?.questions ?? [], to.interview?.questions ?? [])),
  };
  diff.identical =
    playbook.length === 0 &&
    bands.length === 0 &&
    [diff.sections, diff.redFlags, diff.items, diff.interview].every(
      (e) => e.added.length + e.removed.length + e.changed.length === 0,
    );
  return diff;
}

function prop(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

function byId<T extends { id: string }>(from: readonly T[], to: readonly T[]) {
  const before = new Map(from.map((e) => [e.id, e]));
  const after = new Map(to.map((e) => [e.id, e]));
  return {
    added: to.filter((e) => !before.has(e.id)),
    removed: from.filter((e) => !after.has(e.id)),
    pairs: from.flatMap((a) => (after.has(a.id) ? [[a, after.get(a.id)!] as [T, T]] : [])),
  };
}

function entities<T extends { id: string }>(d: ReturnType<typeof byId<T>>) {
  return {
    added: d.added.map((e) => e.id),
    removed: d.removed.map((e) => e.id),
    changed: d.pairs.flatMap(([a, b]) => {
      const c = changes(a, b, '');
      return c.length ? [{ id: a.id, changes: c }] : [];
    }),
  };
}

/**
 * Leaf-level changes between two JSON values. Arrays of equal length are compared element by
 * element; an array that grew or shrank is reported whole, since indexes no longer line up.
 */
function changes(a: unknown, b: unknown, pointer: string): FieldChange[] {
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changes(a[k], b[k], `${pointer}/${escape(k)}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((v, i) => changes(v, b[i], `${pointer}/${i}`));
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  return [
    { pointer, ...(a === undefined ? {} : { from: a }), ...(b === undefined ? {} : { to: b }) },
  ];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
