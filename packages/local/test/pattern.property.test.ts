import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../src/bus/index';

type Scalar = string | number | boolean | null;
type Json = Scalar | Json[] | { [key: string]: Json };

/** Words a pattern gives meaning to; as field names they would change what is generated. */
const PATTERN_WORDS = new Set([
  '$or',
  'prefix',
  'suffix',
  'exists',
  'numeric',
  'wildcard',
  'anything-but',
  'equals-ignore-case',
  'exactly',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
]);
const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !PATTERN_WORDS.has(k));
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const { event } = fc.letrec<{ value: Json; event: { [key: string]: Json } }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(scalar, { maxLength: 3 }),
    tie('event'),
  ),
  event: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
}));

/** A pattern that lists, at every scalar path of the event, the event's own value(s). */
function patternFrom(source: { [key: string]: Json }): Record<string, unknown> | undefined {
  const pattern: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(source)) {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every((v) => v === null || typeof v !== 'object'))
        pattern[k] = value;
    } else if (value !== null && typeof value === 'object') {
      const nested = patternFrom(value);
      if (nested) pattern[k] = nested;
    } else {
      pattern[k] = [value];
    }
  }
  return Object.keys(pattern).length > 0 ? pattern : undefined;
}

const asciiText = fc.string({ unit: 'binary-ascii', maxLength: 12 });

describe('compilePattern properties', () => {
  it('a pattern built from an event’s own values matches it', () => {
    fc.assert(
      fc.property(event, (e) => {
        const pattern = patternFrom(e);
        fc.pre(pattern !== undefined);
        expect(compilePattern(pattern)(e)).toBe(true);
      }),
    );
  });

  it('anything-but an event’s own scalar value never matches it', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        (v) => {
          expect(compilePattern({ v: [{ 'anything-but': v }] })({ v })).toBe(false);
          expect(compilePattern({ v: [{ 'anything-but': [v] }] })({ v })).toBe(false);
        },
      ),
    );
  });

  it('every prefix and suffix of a string matches it, in either case when ignoring case', () => {
    fc.assert(
      fc.property(asciiText, fc.nat(), (text, cut) => {
        const at = cut % (text.length + 1);
        const head = text.slice(0, at);
        const tail = text.slice(at);
        expect(compilePattern({ v: [{ prefix: head }] })({ v: text })).toBe(true);
        expect(compilePattern({ v: [{ suffix: tail }] })({ v: text })).toBe(true);
        const upperHead = { 'equals-ignore-case': head.toUpperCase() };
        expect(compilePattern({ v: [{ prefix: upperHead }] })({ v: text })).toBe(true);
        const eic = { 'equals-ignore-case': text.toUpperCase() };
        expect(compilePattern({ v: [eic] })({ v: text.toLowerCase() })).toBe(true);
      }),
    );
  });

  it('a wildcard with every star and backslash escaped matches exactly its text', () => {
    fc.assert(
      fc.property(asciiText, asciiText, (text, other) => {
        const escaped = text.replace(/[\\*]/g, (c) => `\\${c}`);
        const matcher = compilePattern({ v: [{ wildcard: escaped }] });
        expect(matcher({ v: text })).toBe(true);
        expect(matcher({ v: other })).toBe(other === text);
      }),
    );
  });

  it('a numeric range matches exactly the numbers inside it', () => {
    const n = fc.double({ noNaN: true, noDefaultInfinity: true, min: -5e9, max: 5e9 });
    fc.assert(
      fc.property(n, n, n, (a, b, x) => {
        fc.pre(a < b);
        const closed = compilePattern({ v: [{ numeric: ['>=', a, '<=', b] }] });
        const open = compilePattern({ v: [{ numeric: ['>', a, '<', b] }] });
        expect(closed({ v: x })).toBe(a <= x && x <= b);
        expect(open({ v: x })).toBe(a < x && x < b);
      }),
    );
  });

  it('$or matches exactly when one of its branches does', () => {
    fc.assert(
      fc.property(event, event, event, (e, left, right) => {
        const p1 = patternFrom(left);
        const p2 = patternFrom(right);
        fc.pre(p1 !== undefined && p2 !== undefined);
        const either = compilePattern({ $or: [p1, p2] })(e);
        expect(either).toBe(compilePattern(p1)(e) || compilePattern(p2)(e));
      }),
    );
  });

  it('exists tells present scalar fields from absent ones', () => {
    fc.assert(
      fc.property(event, key, (e, k) => {
        const present = Object.hasOwn(e, k) && patternFrom({ [k]: e[k] as Json }) !== undefined;
        const isScalar =
          present && !Array.isArray(e[k]) && (e[k] === null || typeof e[k] !== 'object');
        fc.pre(!present || isScalar);
        expect(compilePattern({ [k]: [{ exists: true }] })(e)).toBe(isScalar);
        expect(compilePattern({ [k]: [{ exists: false }] })(e)).toBe(!isScalar);
      }),
    );
  });
});
