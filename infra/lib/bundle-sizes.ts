import { statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { HandlerFunction } from './handler-function';
import { addRegionalStacks } from './regional-stacks';

/** The budget of every handler's minified bundle (index.mjs, without its source map). */
export const BUNDLE_LIMIT_BYTES = 500 * 1024;

export interface BundleSize {
  /** `<service>-<construct id>`, as in alarms and dashboards. */
  label: string;
  bytes: number;
  sourceMapBytes: number;
}

/**
 * Synthesizes one stack with real bundling (local esbuild, minified, offline) and measures each
 * handler's bundle in the cloud assembly.
 */
export function measureBundles(stage = 'dev', region = 'us-east-1'): BundleSize[] {
  const outdir = mkdtempSync(path.join(tmpdir(), 'assay-bundles-'));
  try {
    const app = new App({ outdir });
    const [stack] = addRegionalStacks(app, { stage, regions: [region] });
    if (!stack) throw new Error('no stack');
    const assembly = app.synth();
    const resources = assembly.getStackByName(stack.stackName).template.Resources as Record<
      string,
      { Properties: { Code: { S3Key: string } } }
    >;
    return stack.node
      .findAll()
      .filter((c): c is HandlerFunction => c instanceof HandlerFunction)
      .map((handler) => {
        const id = Stack.of(handler).getLogicalId(handler.fn.node.defaultChild as CfnElement);
        const hash = String(resources[id]?.Properties.Code.S3Key).replace(/\.zip$/, '');
        const bundle = path.join(assembly.directory, `asset.${hash}`, 'index.mjs');
        return {
          label: handler.label,
          bytes: statSync(bundle).size,
          sourceMapBytes: statSync(`${bundle}.map`).size,
        };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
