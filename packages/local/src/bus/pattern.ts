import { InvalidPatternError, jsonPath } from './pattern-errors';
import { compileMatchList, isPlainObject, type Leaf, type LeafCondition } from './value-matchers';

/** A compiled event pattern: true when the event matches. */
export type EventMatcher = (event: object) => boolean;

interface ObjectNode {
  fields: FieldNode[];
  /** One entry per `$or` at this level; an entry holds when any of its branches matches. */
  alternatives: ObjectNode[][];
}

type FieldNode =
  | { key: string; kind: 'leaf'; condition: LeafCondition }
  | { key: string; kind: 'object'; node: ObjectNode };

/**
 * Field names EventBridge refuses inside `$or` branches, where they would almost always be a
 * misplaced operator (`{"$or": [{"prefix": …}]}`), not a field of the event.
 */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
]);

/**
 * Compiles an Amazon EventBridge event pattern into a matcher, failing at compile time with an
 * `InvalidPatternError` for a pattern AWS would reject and an `UnsupportedPatternError` for an
 * operator this bus does not implement, so a rule never silently stops matching.
 */
export function compilePattern(pattern: unknown): EventMatcher {
  if (!isPlainObject(pattern)) {
    throw new InvalidPatternError('Event pattern must be a JSON object', '$');
  }
  const root = compileObject(pattern, [], false);
  return (event) => matchObject(root, isPlainObject(event) ? event : undefined);
}

function compileObject(
  pattern: Record<string, unknown>,
  steps: readonly (string | number)[],
  insideOr: boolean,
): ObjectNode {
  const node: ObjectNode = { fields: [], alternatives: [] };
  const entries = Object.entries(pattern);
  if (entries.length === 0) {
    throw new InvalidPatternError('Empty objects are not allowed', jsonPath(steps));
  }
  for (const [key, value] of entries) {
    const at = [...steps, key];
    if (key === '$or') {
      node.alternatives.push(compileOr(value, at));
    } else if (insideOr && RESERVED_IN_OR.has(key)) {
      throw new InvalidPatternError(
        `"${key}" is a reserved word and cannot be a field name inside $or`,
        jsonPath(at),
      );
    } else if (Array.isArray(value)) {
      node.fields.push({ key, kind: 'leaf', condition: compileMatchList(value, at) });
    } else if (isPlainObject(value)) {
      node.fields.push({ key, kind: 'object', node: compileObject(value, at, insideOr) });
    } else {
      throw new InvalidPatternError(`"${key}" must be an object or an array`, jsonPath(at));
    }
  }
  return node;
}

function compileOr(value: unknown, steps: readonly (string | number)[]): ObjectNode[] {
  if (!Array.isArray(value) || value.length < 2) {
    throw new InvalidPatternError('$or must be an array of at least 2 objects', jsonPath(steps));
  }
  return value.map((branch: unknown, i) => {
    if (!isPlainObject(branch)) {
      throw new InvalidPatternError('Only objects are allowed in $or', jsonPath([...steps, i]));
    }
    return compileObject(branch, [...steps, i], true);
  });
}

/** `context` is undefined where the event has no object at this path (then only absence holds). */
function matchObject(node: ObjectNode, context: Record<string, unknown> | undefined): boolean {
  return (
    node.fields.every((field) => {
      const value = context && Object.hasOwn(context, field.key) ? context[field.key] : undefined;
      return field.kind === 'leaf'
        ? field.condition(leavesOf(value))
        : matchNested(field.node, value);
    }) && node.alternatives.every((branches) => branches.some((b) => matchObject(b, context)))
  );
}

/**
 * A nested pattern against an array of objects must hold within one element: EventBridge
 * matches arrays "consistently", never combining fields taken from different elements.
 */
function matchNested(node: ObjectNode, value: unknown): boolean {
  if (Array.isArray(value)) {
    const elements = value.flat(Infinity).filter(isPlainObject);
    if (elements.length > 0) return elements.some((element) => matchObject(node, element));
    return matchObject(node, undefined);
  }
  return matchObject(node, isPlainObject(value) ? value : undefined);
}

/** Leaves at a path: the value itself, or the scalar elements of a (nested) array. Objects are not leaves. */
function leavesOf(value: unknown): Leaf[] {
  const values: unknown[] = Array.isArray(value) ? value.flat(Infinity) : [value];
  return values.filter(isLeaf);
}

function isLeaf(value: unknown): value is Leaf {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}
