import fc from 'fast-check';
import type { RouteDefinition } from '@assay/platform';

/**
 * fast-check arbitraries derived from a route's zod schemas (through zod's own JSON Schema
 * export, so every manifest schema is covered without a hand-written model of it).
 */
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
};

type SchemaLike = {
  toJSONSchema(params?: Record<string, unknown>): unknown;
  safeParse(v: unknown): { success: boolean };
};

export function jsonSchemaOf(schema: unknown): JsonSchema {
  return (schema as SchemaLike).toJSONSchema({ io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Values shaped by the schema: mostly valid, sometimes not (refinements are not modelled). */
export function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => fromSchema(s, depth)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0]!, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringArb(schema);
    case 'integer':
      return fc.integer({
        min: Math.ceil(schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000),
        max: Math.floor(Math.min(schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000, 1e9)),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum ?? -1e6,
        max: schema.maximum ?? schema.exclusiveMaximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? fromSchema(schema.items, depth + 1) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    case 'object':
      return objectArb(schema, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 40;
  const fits = (s: string) => s.length >= min && s.length <= max;
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'email') {
    return fc.emailAddress().filter((e) => fits(e) && new RegExp(schema.pattern ?? '.').test(e));
  }
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  return fc.string({
    minLength: min,
    maxLength: Math.min(max, Math.max(min, 40)),
    unit: 'grapheme',
  });
}

function objectArb(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const props = schema.properties ?? {};
  const required = schema.required ?? [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, s] of Object.entries(props)) model[k] = fromSchema(s, depth + 1);
  const fixed = fc.record(model, {
    requiredKeys: required.filter((k) => k in model),
  });
  const extra = schema.additionalProperties;
  if (Object.keys(props).length === 0 && extra !== false) {
    const keys = schema.propertyNames
      ? stringArb(schema.propertyNames)
      : fc.string({ maxLength: 12 });
    const values =
      typeof extra === 'object' && Object.keys(extra).length > 0
        ? fromSchema(extra, depth + 1)
        : fc.jsonValue({ maxDepth: Math.max(0, 2 - depth) });
    return fc.dictionary(keys, values, { maxKeys: 4 });
  }
  return fixed;
}

/** A value the schema itself accepts, drawn deterministically (or undefined if none was found). */
export function validSample(schema: unknown, seed: number): unknown {
  const arb = fromSchema(jsonSchemaOf(schema));
  for (const candidate of fc.sample(arb, { numRuns: 200, seed })) {
    if ((schema as SchemaLike).safeParse(candidate).success) return candidate;
  }
  return undefined;
}

const UNICODE_EDGES = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\u200B\u200D',
  '\u202E',
  'e\u0301',
  '𝕬🧪👩‍👩‍👧',
  '\\u0000',
  '${jndi:x}',
  "' OR '1'='1",
  '../../etc/passwd',
  '<script>alert(1)</script>',
];

/** Values of the wrong kind or just past a limit, to splice into an otherwise plausible body. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, 1e308, -0, [], {}, '', ' ', '1.0', 'NaN'),
  fc.constantFrom(...UNICODE_EDGES),
  fc.constantFrom(65, 101, 201, 321, 2001, 4001, 5001, 20_001).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 8 }).map((n) => ({ [`k${n}`]: nested(n * 8) })),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.double(),
);

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { n: value };
  return value;
}

/** Replaces one leaf (or adds one key) in a plain value. */
export function splice(value: unknown, pick: number, replacement: unknown): unknown {
  if (value === null || typeof value !== 'object') return replacement;
  const clone = structuredClone(value) as Record<string, unknown> | unknown[];
  const keys = Object.keys(clone);
  if (keys.length === 0 || pick % 5 === 4) {
    (clone as Record<string, unknown>)[`extra${pick % 3}`] = replacement;
    return clone;
  }
  const key = keys[pick % keys.length]!;
  const inner = (clone as Record<string, unknown>)[key];
  (clone as Record<string, unknown>)[key] =
    inner !== null && typeof inner === 'object' && pick % 2 === 0
      ? splice(inner, Math.floor(pick / 2), replacement)
      : replacement;
  return clone;
}

export type RawBody = { raw: string; note: string };

/** Bodies that are not a JSON value of the right shape at all. */
export function rawBodies(maxBodyBytes: number): fc.Arbitrary<RawBody> {
  return fc.oneof(
    fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([v, n]) => {
      const text = JSON.stringify({ v });
      return { raw: text.slice(0, Math.max(1, n % text.length)), note: 'truncated' };
    }),
    fc.constant({ raw: `{"a":"${'x'.repeat(maxBodyBytes)}"}`, note: 'just over the body limit' }),
    fc.constant({ raw: '['.repeat(5000) + ']'.repeat(5000), note: 'deeply nested arrays' }),
    fc.constant({
      raw: '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
      note: 'deeply nested objects',
    }),
    fc.constantFrom(
      { raw: '{"__proto__":{"admin":true}}', note: '__proto__' },
      { raw: '{"constructor":{"prototype":{"x":1}}}', note: 'constructor' },
      { raw: '{"a":{"__proto__":null}}', note: 'nested __proto__' },
      { raw: '{"title":"\\ud800"}', note: 'lone surrogate' },
      { raw: '\uFEFF{}', note: 'byte order mark' },
      { raw: 'null', note: 'null' },
      { raw: '"text"', note: 'a string' },
      { raw: '12', note: 'a number' },
      { raw: '[]', note: 'an array' },
      { raw: 'NaN', note: 'NaN' },
      { raw: '{"a":1,"a":2}', note: 'duplicate keys' },
      { raw: '{"a":1e999999}', note: 'huge exponent' },
    ),
  );
}

/** Everything fuzzable about a route: body and query (path params are covered by the matrix). */
export function fuzzable(route: RouteDefinition): boolean {
  return Boolean(route.body ?? route.query);
}
