/**
 * Measures every handler's minified bundle and writes the table into the "Infrastructure"
 * section of docs/BENCHMARKS.md (between its bundle-size markers).
 *
 *   pnpm --silent tsx infra/scripts/bundle-sizes.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BUNDLE_LIMIT_BYTES, measureBundles } from '../lib/bundle-sizes';
import { repoRoot } from '../lib/handler-entries';

const START = '<!-- bundle-sizes:start -->';
const END = '<!-- bundle-sizes:end -->';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const sizes = measureBundles();
const rows = sizes.map(
  (s) => `| ${s.label} | ${kb(s.bytes)} | ${kb(s.sourceMapBytes)} | ${kb(BUNDLE_LIMIT_BYTES)} |`,
);
const table = [
  START,
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} (esbuild, minified ESM, node22, arm64; \`@aws-sdk/*\` comes from the runtime):`,
  '',
  '| function | index.mjs | source map | budget |',
  '| --- | --- | --- | --- |',
  ...rows,
  '',
  END,
].join('\n');

const file = `${repoRoot}docs/BENCHMARKS.md`;
const doc = readFileSync(file, 'utf8');
if (!doc.includes(START)) throw new Error(`${file} has no ${START} marker in "Infrastructure"`);
writeFileSync(file, doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), table));
for (const s of sizes) console.log(`${s.label.padEnd(36)} ${kb(s.bytes).padStart(10)}`);
const over = sizes.filter((s) => s.bytes > BUNDLE_LIMIT_BYTES);
if (over.length > 0) {
  console.error(`over budget: ${over.map((s) => s.label).join(', ')}`);
  process.exitCode = 1;
}
