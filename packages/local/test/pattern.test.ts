import { describe, expect, it } from 'vitest';
import { compilePattern, InvalidPatternError, UnsupportedPatternError } from '../src/bus/index';

const event = (detail: Record<string, unknown>) => ({
  version: '0',
  id: 'e-1',
  'detail-type': 'playbook.published',
  source: 'assay.content',
  account: '000000000000',
  time: '2025-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-b'],
  detail,
});

interface Case {
  name: string;
  pattern: object;
  matches: Record<string, unknown>[];
  misses: Record<string, unknown>[];
}

/** Each case's pattern sits under `detail`; events are built around each detail. */
const cases: Case[] = [
  {
    name: 'exact string',
    pattern: { state: ['running'] },
    matches: [{ state: 'running' }, { state: ['stopped', 'running'] }],
    misses: [
      { state: 'Running' },
      { state: 'running ' },
      {},
      { state: null },
      { state: { running: 1 } },
    ],
  },
  {
    name: 'any of several values',
    pattern: { state: ['running', 'pending'] },
    matches: [{ state: 'pending' }, { state: 'running' }],
    misses: [{ state: 'stopped' }, { state: [] }],
  },
  {
    name: 'exact number compared numerically, never with strings',
    pattern: { count: [300] },
    matches: [{ count: 300 }, { count: 3.0e2 }, { count: [1, 300] }],
    misses: [{ count: '300' }, { count: 301 }, { count: true }],
  },
  {
    name: 'numeric string only matches the string',
    pattern: { count: ['300'] },
    matches: [{ count: '300' }],
    misses: [{ count: 300 }, { count: '300.0' }],
  },
  {
    name: 'booleans',
    pattern: { flag: [true] },
    matches: [{ flag: true }, { flag: [false, true] }],
    misses: [{ flag: false }, { flag: 'true' }, { flag: 1 }, {}],
  },
  {
    name: 'null matches null only, not a missing field',
    pattern: { value: [null] },
    matches: [{ value: null }],
    misses: [{}, { value: 'null' }, { value: '' }, { value: 0 }, { value: false }],
  },
  {
    name: 'empty string',
    pattern: { name: [''] },
    matches: [{ name: '' }],
    misses: [{ name: ' ' }, { name: null }, {}],
  },
  {
    name: 'nested objects',
    pattern: { a: { b: { c: ['x'] } } },
    matches: [{ a: { b: { c: 'x' } } }, { a: { b: { c: 'x', d: 1 } } }],
    misses: [{ a: { b: { c: 'y' } } }, { a: { c: 'x' } }, { a: 'x' }, {}],
  },
  {
    name: 'nested pattern against an array of objects holds within one element',
    pattern: { items: { sku: ['A'], qty: [2] } },
    matches: [
      {
        items: [
          { sku: 'B', qty: 1 },
          { sku: 'A', qty: 2 },
        ],
      },
      { items: { sku: 'A', qty: 2 } },
    ],
    misses: [
      {
        items: [
          { sku: 'A', qty: 1 },
          { sku: 'B', qty: 2 },
        ],
      },
      { items: [] },
    ],
  },
  {
    name: 'prefix',
    pattern: { region: [{ prefix: 'us-' }] },
    matches: [{ region: 'us-east-1' }, { region: 'us-' }, { region: ['eu-west-1', 'us-west-2'] }],
    misses: [{ region: 'US-east-1' }, { region: 'eu-us-1' }, { region: 5 }, {}],
  },
  {
    name: 'prefix ignoring case',
    pattern: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] },
    matches: [{ service: 'eventbridge' }, { service: 'EVENTBRIDGE' }],
    misses: [{ service: 'bridge' }, { service: null }],
  },
  {
    name: 'suffix',
    pattern: { file: [{ suffix: '.png' }] },
    matches: [{ file: 'a.png' }, { file: '.png' }],
    misses: [{ file: 'a.PNG' }, { file: 'a.png.txt' }, { file: 1 }],
  },
  {
    name: 'suffix ignoring case',
    pattern: { file: [{ suffix: { 'equals-ignore-case': '.PNG' } }] },
    matches: [{ file: 'a.png' }, { file: 'B.PnG' }],
    misses: [{ file: 'a.jpg' }],
  },
  {
    name: 'equals-ignore-case',
    pattern: { name: [{ 'equals-ignore-case': 'alice' }] },
    matches: [{ name: 'Alice' }, { name: 'ALICE' }, { name: 'alice' }],
    misses: [{ name: 'alicia' }, { name: 'alice ' }, {}],
  },
  {
    name: 'anything-but a string',
    pattern: { state: [{ 'anything-but': 'initializing' }] },
    matches: [{ state: 'running' }, { state: 'Initializing' }, { state: 5 }, { state: null }],
    misses: [{ state: 'initializing' }, {}],
  },
  {
    name: 'anything-but on an array field matches when any element is not excluded',
    pattern: { state: [{ 'anything-but': 'a' }] },
    matches: [{ state: ['a', 'b'] }],
    misses: [{ state: ['a', 'a'] }, { state: [] }],
  },
  {
    name: 'anything-but a list of strings',
    pattern: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] },
    matches: [{ state: 'running' }],
    misses: [{ state: 'stopped' }, { state: 'overloaded' }],
  },
  {
    name: 'anything-but numbers',
    pattern: { code: [{ 'anything-but': [100, 200] }] },
    matches: [{ code: 300 }, { code: '100' }],
    misses: [{ code: 100 }, { code: 2e2 }],
  },
  {
    name: 'anything-but a single number',
    pattern: { code: [{ 'anything-but': 0 }] },
    matches: [{ code: 1 }],
    misses: [{ code: 0 }, { code: -0 }],
  },
  {
    name: 'anything-but prefix',
    pattern: { region: [{ 'anything-but': { prefix: 'us-' } }] },
    matches: [{ region: 'eu-west-1' }, { region: 'US-east-1' }, { region: 1 }],
    misses: [{ region: 'us-east-1' }, {}],
  },
  {
    name: 'anything-but a list of prefixes',
    pattern: { region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] },
    matches: [{ region: 'ap-south-1' }],
    misses: [{ region: 'us-east-1' }, { region: 'eu-west-1' }],
  },
  {
    name: 'anything-but suffix',
    pattern: { file: [{ 'anything-but': { suffix: '.png' } }] },
    matches: [{ file: 'a.jpg' }],
    misses: [{ file: 'a.png' }],
  },
  {
    name: 'anything-but wildcard',
    pattern: { path: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    matches: [{ path: 'src/app.ts' }, { path: '/lib' }],
    misses: [{ path: 'a/lib/b.ts' }, { path: '/lib/' }],
  },
  {
    name: 'anything-but a list of wildcards',
    pattern: { path: [{ 'anything-but': { wildcard: ['*.txt', '*.md'] } }] },
    matches: [{ path: 'a.ts' }],
    misses: [{ path: 'a.txt' }, { path: 'README.md' }],
  },
  {
    name: 'anything-but ignoring case',
    pattern: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'overloaded'] } }] },
    matches: [{ state: 'running' }, { state: 7 }],
    misses: [{ state: 'STOPPED' }, { state: 'OverLoaded' }],
  },
  {
    name: 'numeric two-sided range',
    pattern: { count: [{ numeric: ['>', 0, '<=', 5] }] },
    matches: [{ count: 0.0001 }, { count: 5 }, { count: [9, 3] }],
    misses: [{ count: 0 }, { count: 5.0001 }, { count: '3' }, {}, { count: null }],
  },
  {
    name: 'numeric >= and < range',
    pattern: { count: [{ numeric: ['>=', -1, '<', 1] }] },
    matches: [{ count: -1 }, { count: 0.999 }],
    misses: [{ count: 1 }, { count: -1.5 }],
  },
  {
    name: 'numeric one-sided',
    pattern: { count: [{ numeric: ['<', 10] }], size: [{ numeric: ['>=', 1e3] }] },
    matches: [{ count: -50, size: 1000 }],
    misses: [
      { count: 10, size: 1000 },
      { count: 1, size: 999 },
    ],
  },
  {
    name: 'numeric equals',
    pattern: { limit: [{ numeric: ['=', 3.018e2] }] },
    matches: [{ limit: 301.8 }],
    misses: [{ limit: 301.80001 }, { limit: '301.8' }],
  },
  {
    name: 'exists true matches leaves, including null',
    pattern: { id: [{ exists: true }] },
    matches: [{ id: 'x' }, { id: null }, { id: 0 }, { id: ['a'] }],
    misses: [{}, { id: { nested: 1 } }, { id: [] }],
  },
  {
    name: 'exists false',
    pattern: { id: [{ exists: false }] },
    matches: [{}, { other: 1 }, { id: { nested: 1 } }, { id: [] }],
    misses: [{ id: 'x' }, { id: null }, { id: [1] }],
  },
  {
    name: 'exists false under a missing parent',
    pattern: { a: { b: [{ exists: false }] } },
    matches: [{}, { a: {} }, { a: 'scalar' }],
    misses: [{ a: { b: 1 } }, { a: [{ b: 1 }] }],
  },
  {
    name: 'exists false inside an array of objects is judged per element',
    pattern: { a: { c: [1], b: [{ exists: false }] } },
    matches: [{ a: [{ c: 1 }, { b: 1 }] }],
    misses: [{ a: [{ c: 1, b: 1 }, { b: 2 }] }],
  },
  {
    name: 'exists false alongside values in one list',
    pattern: { state: ['done', { exists: false }] },
    matches: [{}, { state: 'done' }],
    misses: [{ state: 'open' }],
  },
  {
    name: 'wildcard',
    pattern: { key: [{ wildcard: 'dir/*.png' }] },
    matches: [{ key: 'dir/a.png' }, { key: 'dir/.png' }, { key: 'dir/sub/a.png' }],
    misses: [{ key: 'dir/a.jpg' }, { key: 'other/a.png' }, { key: 'dir/a.png/' }, { key: 5 }],
  },
  {
    name: 'wildcard escapes a literal star and backslash',
    pattern: { key: [{ wildcard: 'a\\*b\\\\*' }] },
    matches: [{ key: 'a*b\\' }, { key: 'a*b\\xyz' }],
    misses: [{ key: 'axb\\' }, { key: 'a*b' }],
  },
  {
    name: 'wildcard treats regex characters literally',
    pattern: { key: [{ wildcard: 'v1.(x)+*' }] },
    matches: [{ key: 'v1.(x)+' }, { key: 'v1.(x)+rc' }],
    misses: [{ key: 'v12(x)+' }, { key: 'v1.xx' }],
  },
  {
    name: 'mixed list of values and operators',
    pattern: { v: ['a', 1, { prefix: 'zz' }, { numeric: ['>', 100] }] },
    matches: [{ v: 'a' }, { v: 1 }, { v: 'zzz' }, { v: 101 }],
    misses: [{ v: 'b' }, { v: 2 }, { v: 'azz' }],
  },
  {
    name: '$or at the detail level',
    pattern: { $or: [{ a: ['1'] }, { b: [{ numeric: ['>', 5] }] }] },
    matches: [{ a: '1' }, { b: 6 }, { a: '1', b: 0 }],
    misses: [{ a: '2', b: 5 }, {}],
  },
  {
    name: '$or combined with a plain field',
    pattern: { kind: ['x'], $or: [{ a: [1] }, { b: [{ exists: false }] }] },
    matches: [{ kind: 'x', a: 1, b: 1 }, { kind: 'x' }],
    misses: [{ kind: 'y' }, { kind: 'x', a: 2, b: 2 }],
  },
  {
    name: 'nested $or',
    pattern: { $or: [{ a: [1] }, { $or: [{ b: [2] }, { c: [3] }] }] },
    matches: [{ a: 1 }, { b: 2 }, { c: 3 }],
    misses: [{ a: 2, b: 3, c: 4 }],
  },
];

describe('compilePattern', () => {
  describe.each(cases)('$name', ({ pattern, matches, misses }) => {
    const matcher = compilePattern({ source: ['assay.content'], detail: pattern });
    it.each(matches.map((detail) => [JSON.stringify(detail), detail] as const))(
      'matches %s',
      (_, detail) => expect(matcher(event(detail))).toBe(true),
    );
    it.each(misses.map((detail) => [JSON.stringify(detail), detail] as const))(
      'does not match %s',
      (_, detail) => expect(matcher(event(detail))).toBe(false),
    );
  });

  it('matches the envelope fields of the event itself', () => {
    const matcher = compilePattern({
      source: ['assay.content'],
      'detail-type': ['playbook.published'],
      account: ['000000000000'],
      resources: ['arn:aws:s3:::bucket-b'],
    });
    expect(matcher(event({}))).toBe(true);
    expect(matcher({ ...event({}), source: 'assay.session' })).toBe(false);
  });

  it('matches $or at the top level', () => {
    const matcher = compilePattern({
      $or: [{ source: ['assay.session'] }, { 'detail-type': ['playbook.published'] }],
    });
    expect(matcher(event({}))).toBe(true);
    expect(matcher({ ...event({}), 'detail-type': 'x' })).toBe(false);
  });

  it('compiles the native pattern of an event definition', () => {
    const matcher = compilePattern({
      source: ['assay.content'],
      'detail-type': ['playbook.published'],
    });
    expect(matcher(event({ any: 'thing' }))).toBe(true);
    expect(matcher({ ...event({}), 'detail-type': 'playbook.archived' })).toBe(false);
  });

  it('does not read inherited properties as fields', () => {
    expect(compilePattern({ detail: { toString: [{ exists: true }] } })(event({}))).toBe(false);
  });
});

describe('compilePattern rejects what EventBridge would not run', () => {
  const unsupported: [string, object, string, string][] = [
    ['cidr', { ip: [{ cidr: '10.0.0.0/24' }] }, 'cidr', 'detail.ip[0].cidr'],
    ['exactly', { a: [{ exactly: 'x' }] }, 'exactly', 'detail.a[0].exactly'],
    ['an unknown operator', { a: ['x', { regex: '^a' }] }, 'regex', 'detail.a[1].regex'],
    [
      'an extra key in an operator',
      { a: [{ prefix: 'a', flags: 'i' }] },
      'flags',
      'detail.a[0].flags',
    ],
    [
      'an unknown anything-but modifier',
      { a: [{ 'anything-but': { cidr: '10.0.0.0/8' } }] },
      'cidr',
      'detail.a[0].anything-but.cidr',
    ],
    [
      'an unknown prefix modifier',
      { a: [{ prefix: { 'ignore-case': 'x' } }] },
      'ignore-case',
      'detail.a[0].prefix.ignore-case',
    ],
    [
      'an operator inside $or',
      { $or: [{ a: [1] }, { b: [{ 'not-exists': true }] }] },
      'not-exists',
      'detail.$or[1].b[0].not-exists',
    ],
  ];
  it.each(unsupported)(
    'fails loudly on %s, naming it and its path',
    (_, detail, operator, path) => {
      const compile = () => compilePattern({ detail });
      expect(compile).toThrow(UnsupportedPatternError);
      expect(compile).toThrow(`"${operator}"`);
      expect(compile).toThrow(`(at ${path})`);
    },
  );

  const invalid: [string, unknown, RegExp][] = [
    ['a non-object pattern', ['x'], /must be a JSON object/],
    [
      'a leaf that is not an array',
      { source: 'assay.content' },
      /"source" must be an object or an array \(at source\)/,
    ],
    [
      'a numeric leaf that is not an array',
      { detail: { n: 5 } },
      /"n" must be an object or an array/,
    ],
    ['an empty array', { source: [] }, /Empty arrays/],
    ['an empty object', { detail: {} }, /Empty objects/],
    ['a nested array as a value', { a: [['x']] }, /Match value must be/],
    ['two operators in one object', { a: [{ prefix: 'a', suffix: 'b' }] }, /Only one key/],
    ['an empty operator object', { a: [{}] }, /Match expression name not found/],
    ['a non-string prefix', { a: [{ prefix: 5 }] }, /prefix match pattern must be a string/],
    [
      'a non-boolean exists',
      { a: [{ exists: 'yes' }] },
      /exists match pattern must be either true or false/,
    ],
    ['consecutive wildcards', { a: [{ wildcard: 'a**b' }] }, /Consecutive wildcard/],
    ['an invalid wildcard escape', { a: [{ wildcard: 'a\\b' }] }, /Invalid escape/],
    [
      'consecutive wildcards in anything-but',
      { a: [{ 'anything-but': { wildcard: ['*a', 'b**'] } }] },
      /Consecutive wildcard/,
    ],
    [
      'a mixed anything-but list',
      { a: [{ 'anything-but': ['a', 1] }] },
      /all strings or all numbers/,
    ],
    ['a boolean anything-but', { a: [{ 'anything-but': true }] }, /Value of anything-but/],
    ['an empty anything-but prefix', { a: [{ 'anything-but': { prefix: '' } }] }, /Empty prefix/],
    ['numeric that is not an array', { a: [{ numeric: 5 }] }, /must be a non-empty array/],
    [
      'an unknown numeric operator',
      { a: [{ numeric: ['!=', 5] }] },
      /Unrecognized numeric operator/,
    ],
    ['a numeric string operand', { a: [{ numeric: ['>', '5'] }] }, /Value of > must be numeric/],
    ['an upper bound first', { a: [{ numeric: ['<', 10, '>', 0] }] }, /lower bound/],
    ['equals in a range', { a: [{ numeric: ['=', 1, '<', 2] }] }, /lower bound/],
    ['an inverted range', { a: [{ numeric: ['>', 10, '<', 1] }] }, /Bottom .* less than its top/],
    ['too many numeric terms', { a: [{ numeric: ['>', 0, '<', 5, '<', 6] }] }, /lower bound/],
    ['a $or with one branch', { $or: [{ a: [1] }] }, /at least 2 objects/],
    ['a $or that is not an array', { $or: { a: [1] } }, /at least 2 objects/],
    ['a non-object $or branch', { $or: [{ a: [1] }, ['b']] }, /Only objects are allowed in \$or/],
    [
      'a reserved word as a field inside $or',
      { $or: [{ a: [1] }, { prefix: ['x'] }] },
      /reserved word/,
    ],
  ];
  it.each(invalid)('rejects %s', (_, pattern, message) => {
    const compile = () => compilePattern(pattern);
    expect(compile).toThrow(InvalidPatternError);
    expect(compile).toThrow(message);
  });

  it('accepts operator names as plain field names outside $or', () => {
    const matcher = compilePattern({ detail: { numeric: ['>'] } });
    expect(matcher(event({ numeric: '>' }))).toBe(true);
  });
});
