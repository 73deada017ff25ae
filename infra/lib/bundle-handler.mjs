// Bundles one Lambda handler with the repository's esbuild (no Docker, no network):
//   node infra/lib/bundle-handler.mjs <entry> <outdir>
// Run by HandlerFunction's local bundling in a child process, because esbuild plugins need the
// asynchronous API and CDK's local bundling is synchronous.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) throw new Error('usage: bundle-handler.mjs <entry> <outdir>');

/**
 * zod's classic API re-exports every message locale (`z.locales`, ~260 KB minified) although it
 * configures only English. Nothing in Assay selects another locale, so the bundle keeps English.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * Generated JSON documents (the OpenAPI description, ~107 KB minified) ride in the bundle
 * gzipped, ~10 KB, and are inflated once when the module loads.
 */
const gzippedGeneratedJson = {
  name: 'gzipped-generated-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]generated[\\/][^\\/]+\.json$/ }, async (args) => {
      const json = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      const packed = gzipSync(json, { level: 9 }).toString('base64');
      return {
        contents: `import { gunzipSync } from 'node:zlib';\nexport default JSON.parse(gunzipSync(Buffer.from(${JSON.stringify(packed)}, 'base64')).toString('utf8'));`,
        loader: 'js',
      };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile: path.join(outdir, 'index.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // The SDK v3 comes with the nodejs22.x runtime.
  external: ['@aws-sdk/*'],
  // Bundled CommonJS dependencies may still call require(); give the ES module one.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  plugins: [zodEnglishOnly, gzippedGeneratedJson],
  logLevel: 'warning',
});
