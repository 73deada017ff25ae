// validatePlaybook: every problem in a playbook, each with a JSON pointer to where it is.
// Structure comes from the zod schema; the cross-references and sums zod cannot express are
// checked here on the raw input, so one broken item never hides problems elsewhere.
import { Playbook, type PlaybookInput } from './format';

export interface PlaybookError {
  /** RFC 6901 JSON pointer into the input, e.g. `/items/3/key/best`. */
  path: string;
  message: string;
}

export type PlaybookValidation =
  { ok: true; playbook: Playbook } | { ok: false; errors: PlaybookError[] };

/** Recursively optional: the raw input may be missing anything. */
type Loose<T> = T extends (infer U)[]
  ? Loose<U>[]
  : T extends object
    ? { [K in keyof T]?: Loose<T[K]> }
    : T;
type Input = Loose<PlaybookInput>;
type ItemInput = Loose<PlaybookInput['items'][number]>;

const SUM_TOLERANCE = 1e-9;

export function pointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

class Problems {
  readonly errors: PlaybookError[] = [];
  add(path: readonly PropertyKey[], message: string): void {
    this.errors.push({ path: pointer(path), message });
  }
  /** Report every repeat of an id after its first occurrence. */
  unique(
    entries: { id?: unknown }[],
    at: (index: number) => PropertyKey[],
    what: string,
  ): Set<unknown> {
    const seen = new Set<unknown>();
    entries.forEach((entry, i) => {
      if (!isObject(entry) || typeof entry.id !== 'string') return;
      if (seen.has(entry.id)) this.add([...at(i), 'id'], `duplicate ${what} id "${entry.id}"`);
      seen.add(entry.id);
    });
    return seen;
  }
}

export function validatePlaybook(input: unknown): PlaybookValidation {
  const problems = new Problems();
  const parsed = Playbook.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.add(issue.path, issue.message);
  }
  if (isObject(input)) checkReferences(input as Input, problems);
  if (problems.errors.length > 0 || !parsed.success) return { ok: false, errors: problems.errors };
  return { ok: true, playbook: parsed.data };
}

function checkReferences(playbook: Input, problems: Problems): void {
  const sections = list(playbook.sections);
  const sectionIds = problems.unique(sections, (i) => ['sections', i], 'section');
  const flagIds = problems.unique(list(playbook.redFlags), (i) => ['redFlags', i], 'red flag');
  const items = list(playbook.items);
  problems.unique(items, (i) => ['items', i], 'item');

  const weights = sections.map((s) => (isObject(s) ? s.weight : undefined));
  if (weights.length > 0 && weights.every((w) => typeof w === 'number')) {
    const sum = (weights as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > SUM_TOLERANCE)
      problems.add(['sections'], `section weights sum to ${sum}, not 100`);
  }
  const used = new Set(items.map((item) => (isObject(item) ? item.section : undefined)));
  sections.forEach((section, i) => {
    if (isObject(section) && typeof section.id === 'string' && !used.has(section.id)) {
      problems.add(['sections', i], `section "${section.id}" has no items`);
    }
  });

  checkBands(playbook, problems);
  const combined = playbook.combined;
  if (
    isObject(combined) &&
    typeof combined.assessment === 'number' &&
    typeof combined.interview === 'number'
  ) {
    const sum = combined.assessment + combined.interview;
    if (Math.abs(sum - 100) > SUM_TOLERANCE)
      problems.add(['combined'], `assessment and interview weights sum to ${sum}, not 100`);
  }
  if (isObject(playbook.interview)) {
    problems.unique(
      list(playbook.interview.questions),
      (i) => ['interview', 'questions', i],
      'interview question',
    );
  }

  items.forEach((item, i) => {
    if (!isObject(item)) return;
    const at = ['items', i];
    if (typeof item.section === 'string' && !sectionIds.has(item.section)) {
      problems.add([...at, 'section'], `unknown section "${item.section}"`);
    }
    checkItem(item, at, flagIds, problems);
  });
}

function checkBands(playbook: Input, problems: Problems): void {
  const bands = playbook.bands;
  if (!isObject(bands)) return;
  const { strong = 80, proceed = 65, borderline = 50 } = bands;
  if (!(strong > proceed))
    problems.add(['bands', 'strong'], `strong (${strong}) must be above proceed (${proceed})`);
  if (!(proceed > borderline))
    problems.add(
      ['bands', 'proceed'],
      `proceed (${proceed}) must be above borderline (${borderline})`,
    );
}

function checkFlag(
  flag: unknown,
  path: PropertyKey[],
  flagIds: Set<unknown>,
  problems: Problems,
): void {
  if (typeof flag === 'string' && !flagIds.has(flag))
    problems.add(path, `unknown red flag "${flag}" (declare it in /redFlags)`);
}

function checkItem(
  item: ItemInput,
  at: PropertyKey[],
  flagIds: Set<unknown>,
  problems: Problems,
): void {
  switch (item.type) {
    case 'sjt': {
      const options = list(item.options);
      const ids = problems.unique(options, (j) => [...at, 'options', j], 'option');
      options.forEach(
        (o, j) =>
          isObject(o) &&
          checkFlag(o.redFlagIfBest, [...at, 'options', j, 'redFlagIfBest'], flagIds, problems),
      );
      const key = item.key;
      if (!isObject(key)) return;
      for (const pick of ['best', 'worst'] as const) {
        if (typeof key[pick] === 'string' && !ids.has(key[pick]))
          problems.add([...at, 'key', pick], `key "${key[pick]}" is not among the options`);
      }
      if (key.best !== undefined && key.best === key.worst)
        problems.add([...at, 'key'], 'best and worst keys must differ');
      const ratings = options
        .map((o) => (isObject(o) ? o.effectiveness : undefined))
        .filter((r) => typeof r === 'number');
      const rating = (id: unknown) =>
        options.find((o) => isObject(o) && o.id === id)?.effectiveness;
      const bestRating = rating(key.best);
      const worstRating = rating(key.worst);
      if (typeof bestRating === 'number' && bestRating < Math.max(...ratings)) {
        problems.add(
          [...at, 'key', 'best'],
          `keyed best has effectiveness ${bestRating}, below another option's ${Math.max(...ratings)}`,
        );
      }
      if (typeof worstRating === 'number' && worstRating > Math.min(...ratings)) {
        problems.add(
          [...at, 'key', 'worst'],
          `keyed worst has effectiveness ${worstRating}, above another option's ${Math.min(...ratings)}`,
        );
      }
      return;
    }
    case 'detail': {
      const response = item.response;
      if (!isObject(response) || response.kind !== 'choice') return;
      const options = list(response.options);
      const ids = problems.unique(options, (j) => [...at, 'response', 'options', j], 'option');
      options.forEach(
        (o, j) =>
          isObject(o) &&
          checkFlag(o.redFlag, [...at, 'response', 'options', j, 'redFlag'], flagIds, problems),
      );
      if (typeof response.key === 'string' && !ids.has(response.key)) {
        problems.add([...at, 'response', 'key'], `key "${response.key}" is not among the options`);
      }
      return;
    }
    case 'written': {
      const criteria = list(item.criteria);
      problems.unique(criteria, (j) => [...at, 'criteria', j], 'criterion');
      criteria.forEach((criterion, j) => {
        if (!isObject(criterion)) return;
        const path = [...at, 'criteria', j];
        const feature = criterion.feature;
        if (isObject(feature)) {
          if ('redFlag' in feature)
            checkFlag(feature.redFlag, [...path, 'feature', 'redFlag'], flagIds, problems);
          if (feature.kind === 'concepts')
            problems.unique(
              list(feature.concepts),
              (k) => [...path, 'feature', 'concepts', k],
              'concept',
            );
        }
        const levels = list(criterion.levels);
        levels.forEach((level, k) => {
          if (
            isObject(level) &&
            typeof level.min === 'number' &&
            typeof level.max === 'number' &&
            level.min > level.max
          ) {
            problems.add([...path, 'levels', k], `min ${level.min} is above max ${level.max}`);
          }
        });
        if (levels.length > 0 && levels.every((l) => isObject(l) && l.points === 0)) {
          problems.add([...path, 'levels'], 'no level awards any points');
        }
      });
      return;
    }
    case 'procedure': {
      const steps = list(item.steps);
      const ids = problems.unique(steps, (j) => [...at, 'steps', j], 'step');
      const order = item.order;
      if (!isObject(order)) return;
      const pairs = list(order.precedence);
      pairs.forEach((pair, k) => {
        list(pair as unknown[]).forEach((stepId, side) => {
          if (typeof stepId === 'string' && !ids.has(stepId)) {
            problems.add([...at, 'order', 'precedence', k, side], `unknown step "${stepId}"`);
          }
        });
      });
      if (order.method === 'precedence' && pairs.length === 0) {
        problems.add(
          [...at, 'order', 'precedence'],
          'order method "precedence" needs at least one [before, after] pair',
        );
      }
      return;
    }
  }
}
