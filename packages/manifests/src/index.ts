import { fileURLToPath } from 'node:url';
import { contentService } from '@assay/service-content';
import { reportingService } from '@assay/service-reporting';
import { scoringService } from '@assay/service-scoring';
import { sessionService } from '@assay/service-session';
import type { ServiceManifest, TableDefinition } from '@assay/platform/manifest';
import { claimsTable, tenantsTable } from '@assay/platform/tables';

/** Every service of the platform; the one list CDK, the local runtime and OpenAPI read. */
export const services: readonly ServiceManifest[] = [
  contentService,
  sessionService,
  scoringService,
  reportingService,
];

/** Tables that belong to the platform rather than to one service. */
export const platformTables: readonly TableDefinition[] = [tenantsTable, claimsTable];

/**
 * A service's tables: its own (first, the one whose stream feeds the outbox) then its extra,
 * streamless tables. Refuses an extra table declared with an outbox: nothing would relay it.
 */
export function serviceTables(service: ServiceManifest): readonly TableDefinition[] {
  for (const extra of service.extraTables ?? []) {
    if (extra.outbox) {
      throw new Error(
        `service "${service.name}" declares extraTables "${extra.name}" with outbox: true; only its main table may hold an outbox`,
      );
    }
  }
  return [service.table, ...(service.extraTables ?? [])];
}

/** Every table of a region: the platform's and each service's (extra tables included). */
export function tablesOf(manifests: readonly ServiceManifest[]): readonly TableDefinition[] {
  const tables = [...platformTables, ...manifests.flatMap(serviceTables)];
  const names = tables.map((t) => t.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new Error(`table name "${repeated}" is declared twice`);
  return tables;
}

export const allTables: readonly TableDefinition[] = tablesOf(services);

/** Absolute folder of a service; handler entries in its manifest are relative to it. */
export function serviceDir(service: ServiceManifest): string {
  return fileURLToPath(new URL(`../../../services/${service.name}/`, import.meta.url));
}
