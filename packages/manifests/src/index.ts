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

export const allTables: readonly TableDefinition[] = [
  ...platformTables,
  ...services.map((s) => s.table),
];

/** Absolute folder of a service; handler entries in its manifest are relative to it. */
export function serviceDir(service: ServiceManifest): string {
  return fileURLToPath(new URL(`../../../services/${service.name}/`, import.meta.url));
}
