import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventLambda, HttpLambda } from '@assay/platform';
import type { ServiceManifest } from '@assay/platform/manifest';
import { serviceDir, services } from '@assay/manifests';

export interface LoadedService {
  manifest: ServiceManifest;
  http?: HttpLambda;
  events?: EventLambda;
}

/**
 * Imports each service's Lambda entry modules from the paths its manifest declares: the very
 * files CDK bundles. Call only after the DynamoDB endpoint is in the environment, because the
 * modules create their clients when they load.
 */
export async function loadServices(): Promise<LoadedService[]> {
  const loaded: LoadedService[] = [];
  for (const manifest of services) {
    const entry = async <T>(path: string | undefined): Promise<T | undefined> => {
      if (!path) return undefined;
      const mod = (await import(pathToFileURL(join(serviceDir(manifest), path)).href)) as {
        handler?: T;
      };
      if (!mod.handler) throw new Error(`${manifest.name}: ${path} exports no handler`);
      return mod.handler;
    };
    loaded.push({
      manifest,
      http: await entry<HttpLambda>(manifest.handlers.http),
      events: await entry<EventLambda>(manifest.handlers.events),
    });
  }
  return loaded;
}
