import { InvalidPatternError, UnsupportedPatternError, jsonPath } from './pattern-errors';
import { compileWildcard } from './wildcard';

/** A leaf value of an event: what a pattern's match list is compared with. */
export type Leaf = string | number | boolean | null;

/** Decides whether the leaves found at one path of an event satisfy a pattern's match list. */
export type LeafCondition = (leaves: readonly Leaf[]) => boolean;

type Steps = readonly (string | number)[];
type ValueTest = (value: Leaf) => boolean;
type Matcher = { kind: 'value'; test: ValueTest } | { kind: 'exists'; present: boolean };

/** The operators EventBridge rules may use inside a match list that this bus implements. */
const OPERATORS = [
  'prefix',
  'suffix',
  'anything-but',
  'numeric',
  'exists',
  'equals-ignore-case',
  'wildcard',
] as const;

/**
 * Compiles a match list such as `["a", {"prefix": "b"}, {"exists": false}]`. The list matches
 * when any of its matchers does: a value matcher against any leaf, `exists` on leaf presence.
 */
export function compileMatchList(list: readonly unknown[], steps: Steps): LeafCondition {
  if (list.length === 0) {
    throw new InvalidPatternError('Empty arrays are not allowed', jsonPath(steps));
  }
  const matchers = list.map((item, i) => compileMatcher(item, [...steps, i]));
  const tests = matchers.flatMap((m) => (m.kind === 'value' ? [m.test] : []));
  const wantsPresent = matchers.some((m) => m.kind === 'exists' && m.present);
  const wantsAbsent = matchers.some((m) => m.kind === 'exists' && !m.present);
  return (leaves) =>
    (wantsPresent && leaves.length > 0) ||
    (wantsAbsent && leaves.length === 0) ||
    leaves.some((leaf) => tests.some((test) => test(leaf)));
}

function compileMatcher(item: unknown, steps: Steps): Matcher {
  if (typeof item === 'string' || typeof item === 'boolean' || item === null) {
    return { kind: 'value', test: (value) => value === item };
  }
  if (typeof item === 'number') {
    return { kind: 'value', test: numericEquals(item, steps) };
  }
  if (isPlainObject(item)) return compileOperator(item, steps);
  throw new InvalidPatternError(
    'Match value must be a string, number, true, false, null or an operator object',
    jsonPath(steps),
  );
}

function compileOperator(expression: Record<string, unknown>, steps: Steps): Matcher {
  const operator = singleOperator(expression, OPERATORS, steps);
  const value = expression[operator];
  const at = [...steps, operator];
  switch (operator) {
    case 'exists':
      if (typeof value !== 'boolean') {
        throw new InvalidPatternError(
          'exists match pattern must be either true or false',
          jsonPath(at),
        );
      }
      return { kind: 'exists', present: value };
    case 'prefix':
      return { kind: 'value', test: compileAffix(value, 'prefix', at) };
    case 'suffix':
      return { kind: 'value', test: compileAffix(value, 'suffix', at) };
    case 'equals-ignore-case': {
      const expected = foldCase(requireString(value, operator, at));
      return { kind: 'value', test: (v) => typeof v === 'string' && foldCase(v) === expected };
    }
    case 'wildcard': {
      const regex = compileWildcard(requireString(value, operator, at), jsonPath(at));
      return { kind: 'value', test: (v) => typeof v === 'string' && regex.test(v) };
    }
    case 'numeric':
      return { kind: 'value', test: compileNumericRange(value, at) };
    case 'anything-but': {
      const excluded = compileAnythingBut(value, at);
      return { kind: 'value', test: (v) => !excluded(v) };
    }
  }
}

/** `prefix`/`suffix`, either a string or `{ "equals-ignore-case": string }`. */
function compileAffix(value: unknown, operator: 'prefix' | 'suffix', steps: Steps): ValueTest {
  const hasAffix = (text: string, affix: string) =>
    operator === 'prefix' ? text.startsWith(affix) : text.endsWith(affix);
  if (isPlainObject(value)) {
    const modifier = singleOperator(value, ['equals-ignore-case'], steps);
    const affix = foldCase(requireString(value[modifier], modifier, [...steps, modifier]));
    return (v) => typeof v === 'string' && hasAffix(foldCase(v), affix);
  }
  const affix = requireString(value, operator, steps);
  return (v) => typeof v === 'string' && hasAffix(v, affix);
}

/** Returns the test for what `anything-but` excludes; the matcher is its negation. */
function compileAnythingBut(value: unknown, steps: Steps): ValueTest {
  if (typeof value === 'string') return (v) => v === value;
  if (typeof value === 'number') return numericEquals(value, steps);
  if (Array.isArray(value)) return compileAnythingButList(value, steps);
  if (isPlainObject(value)) {
    const modifier = singleOperator(
      value,
      ['prefix', 'suffix', 'wildcard', 'equals-ignore-case'] as const,
      steps,
    );
    const at = [...steps, modifier];
    const texts = stringOrStrings(value[modifier], modifier, at);
    switch (modifier) {
      case 'prefix':
      case 'suffix':
        if (texts.includes('')) {
          throw new InvalidPatternError(
            `Empty ${modifier} not allowed in anything-but`,
            jsonPath(at),
          );
        }
        return compileAnyOf(texts.map((text) => compileAffix(text, modifier, at)));
      case 'wildcard':
        return compileAnyOf(
          texts.map((text) => {
            const regex = compileWildcard(text, jsonPath(at));
            return (v: Leaf) => typeof v === 'string' && regex.test(v);
          }),
        );
      case 'equals-ignore-case': {
        const folded = new Set(texts.map(foldCase));
        return (v) => typeof v === 'string' && folded.has(foldCase(v));
      }
    }
  }
  throw new InvalidPatternError(
    'Value of anything-but must be a string, a number, a list of them, or an operator object',
    jsonPath(steps),
  );
}

function compileAnythingButList(values: readonly unknown[], steps: Steps): ValueTest {
  const allStrings = values.every((v) => typeof v === 'string');
  const allNumbers = values.every((v) => typeof v === 'number');
  if (values.length === 0 || !(allStrings || allNumbers)) {
    throw new InvalidPatternError(
      'Inside an anything-but list, values must be all strings or all numbers',
      jsonPath(steps),
    );
  }
  const excluded = new Set<unknown>(values);
  const type = allStrings ? 'string' : 'number';
  return (v) => typeof v === type && excluded.has(v);
}

type Comparison = '<' | '<=' | '>' | '>=';
const LOWER_BOUNDS: readonly string[] = ['>', '>='];
const UPPER_BOUNDS: readonly string[] = ['<', '<='];

/**
 * `numeric` takes `["=", n]`, a lower bound, an upper bound, or a lower then an upper bound
 * (`[">", 0, "<=", 5]`), the grammar EventBridge accepts. It matches JSON numbers only.
 */
function compileNumericRange(value: unknown, steps: Steps): ValueTest {
  const at = jsonPath(steps);
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidPatternError('Value of numeric must be a non-empty array', at);
  }
  const terms: { op: string; operand: number }[] = [];
  for (let i = 0; i < value.length; i += 2) {
    const op: unknown = value[i];
    const operand: unknown = value[i + 1];
    if (typeof op !== 'string' || !['=', ...LOWER_BOUNDS, ...UPPER_BOUNDS].includes(op)) {
      throw new InvalidPatternError(`Unrecognized numeric operator: ${JSON.stringify(op)}`, at);
    }
    if (typeof operand !== 'number' || !Number.isFinite(operand)) {
      throw new InvalidPatternError(`Value of ${op} must be numeric`, at);
    }
    terms.push({ op, operand });
  }
  const [first, second, ...extra] = terms;
  const isLowerThenUpper =
    first !== undefined &&
    second !== undefined &&
    LOWER_BOUNDS.includes(first.op) &&
    UPPER_BOUNDS.includes(second.op);
  if (first === undefined || extra.length > 0 || (second !== undefined && !isLowerThenUpper)) {
    throw new InvalidPatternError(
      'numeric takes one comparison, or a lower bound (> or >=) followed by an upper bound (< or <=)',
      at,
    );
  }
  if (first.op === '=') return (v) => typeof v === 'number' && v === first.operand;
  if (second && first.operand >= second.operand) {
    throw new InvalidPatternError('Bottom of a numeric range must be less than its top', at);
  }
  const comparisons = terms.map(({ op, operand }) => compare(op as Comparison, operand));
  return (v) => typeof v === 'number' && comparisons.every((holds) => holds(v));
}

function compare(op: Comparison, operand: number): (v: number) => boolean {
  switch (op) {
    case '<':
      return (v) => v < operand;
    case '<=':
      return (v) => v <= operand;
    case '>':
      return (v) => v > operand;
    case '>=':
      return (v) => v >= operand;
  }
}

/** Exact numeric match: numbers compare by value (`3.0e2` equals `300`), never equal strings. */
function numericEquals(expected: number, steps: Steps): ValueTest {
  if (!Number.isFinite(expected)) {
    throw new InvalidPatternError('Numbers in a pattern must be finite', jsonPath(steps));
  }
  return (v) => typeof v === 'number' && v === expected;
}

/**
 * The one operator key of an operator object. Unknown keys fail as unsupported (loudly) before
 * the count is checked, so `{ "cidr": … }` is reported as the operator it is.
 */
function singleOperator<K extends string>(
  expression: Record<string, unknown>,
  known: readonly K[],
  steps: Steps,
): K {
  const keys = Object.keys(expression);
  const unknown = keys.find((key) => !(known as readonly string[]).includes(key));
  if (unknown !== undefined)
    throw new UnsupportedPatternError(unknown, jsonPath([...steps, unknown]));
  const [key, ...others] = keys as K[];
  if (key === undefined) {
    throw new InvalidPatternError('Match expression name not found', jsonPath(steps));
  }
  if (others.length > 0) {
    throw new InvalidPatternError('Only one key allowed in match expression', jsonPath(steps));
  }
  return key;
}

function requireString(value: unknown, operator: string, steps: Steps): string {
  if (typeof value !== 'string') {
    throw new InvalidPatternError(`${operator} match pattern must be a string`, jsonPath(steps));
  }
  return value;
}

function stringOrStrings(value: unknown, operator: string, steps: Steps): string[] {
  if (Array.isArray(value) && value.length > 0) {
    return value.map((item, i) => requireString(item, operator, [...steps, i]));
  }
  return [requireString(value, operator, steps)];
}

function compileAnyOf(tests: readonly ValueTest[]): ValueTest {
  return (v) => tests.some((test) => test(v));
}

function foldCase(text: string): string {
  return text.toLowerCase();
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
