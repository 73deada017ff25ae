import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceDir } from '@assay/manifests';
import type { ServiceManifest } from '@assay/platform/manifest';

/** The monorepo root: functions bundle from here. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Entry of the relay's enrichment Lambda, shared by every outbox table of a stack. */
export const outboxEnrichmentEntry = path.join(
  repoRoot,
  'packages/platform/src/handlers/outbox-enrichment.ts',
);

/**
 * Absolute path of a service's handler entry (manifest paths are relative to `services/<name>`),
 * or undefined when the manifest declares none. A declared but missing file fails the synth
 * with the manifest field to fix, rather than a bare "cannot find entry file".
 */
export function handlerEntry(
  manifest: ServiceManifest,
  kind: keyof ServiceManifest['handlers'],
): string | undefined {
  const relative = manifest.handlers[kind];
  if (!relative) return undefined;
  const entry = path.join(serviceDir(manifest), relative);
  if (!existsSync(entry)) {
    throw new Error(
      `service "${manifest.name}" declares handlers.${kind} = "${relative}" but ${entry} does not exist`,
    );
  }
  return entry;
}

/**
 * The folder of a service's static web page (`services/<name>/web/index.html`), or undefined.
 * At most one service may have one: it is served by the region's CloudFront distribution.
 */
export function webFolder(manifest: ServiceManifest): string | undefined {
  const folder = path.join(serviceDir(manifest), 'web');
  return existsSync(path.join(folder, 'index.html')) ? folder : undefined;
}
