import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { createEvent, playbookPublished } from '@assay/events';
import { outboxItem } from '@assay/platform/outbox';
import { BUNDLE_LIMIT_BYTES, measureBundles } from '../lib/bundle-sizes';
import { outboxEnrichmentEntry, repoRoot } from '../lib/handler-entries';
import { HandlerFunction } from '../lib/handler-function';
import { stageNamed } from '../lib/stage';

const outdir = mkdtempSync(path.join(tmpdir(), 'assay-bundle-'));
// The Lambda runtime provides the externalized @aws-sdk/*; the platform package's copy stands in.
symlinkSync(
  path.join(repoRoot, 'packages/platform/node_modules'),
  path.join(outdir, 'node_modules'),
);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('function bundling', () => {
  // The outbox enrichment is bundled on its own here because it depends only on the platform
  // package, so its bundle can run in the test.
  it('bundles with local esbuild, offline, into an ES module that runs', async () => {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundle');
    new HandlerFunction(stack, 'Enrichment', {
      entry: outboxEnrichmentEntry,
      description: 'bundling check',
      serviceName: 'outbox-relay',
      stage: stageNamed('dev'),
    });
    const assembly = app.synth();

    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    const assetHash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
    const bundle = path.join(assembly.directory, `asset.${assetHash}`, 'index.mjs');
    expect(existsSync(bundle)).toBe(true);
    expect(existsSync(`${bundle}.map`)).toBe(true);

    const detail = createEvent(
      playbookPublished,
      { tenantId: 't1', correlationId: 'c1' },
      {
        playbookId: 'pb-1',
        version: '1.0.0',
        hash: `sha256:${'0'.repeat(64)}`,
        title: 'Bundling check',
        publishedAt: new Date().toISOString(),
        playbook: {},
      },
    );
    const { handler } = (await import(pathToFileURL(bundle).href)) as {
      handler: (records: unknown[]) => Promise<unknown[]>;
    };
    const records = [
      { eventName: 'INSERT', dynamodb: { NewImage: outboxItem(playbookPublished, detail) } },
      { eventName: 'INSERT', dynamodb: { NewImage: { pk: { S: 'T#t1#X' }, sk: { S: 'STATE' } } } },
    ];
    await expect(handler(records)).resolves.toEqual([
      { source: playbookPublished.source, detailType: playbookPublished.type, detail },
    ]);
  });

  // One stack synthesized with real bundling; the sizes are recorded in docs/BENCHMARKS.md by
  // `pnpm --silent tsx infra/scripts/bundle-sizes.ts`.
  it('keeps every handler bundle within 500 KB minified', { timeout: 120_000 }, () => {
    const sizes = measureBundles();
    expect(sizes.map((s) => s.label)).toContain('outbox-relay-OutboxEnrichment');
    expect(sizes.length).toBeGreaterThan(1);
    for (const { label, bytes } of sizes) {
      expect(bytes, `${label}: ${bytes} bytes`).toBeLessThanOrEqual(BUNDLE_LIMIT_BYTES);
    }
  });
});
