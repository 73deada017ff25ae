import { problems, RegistryError, type TenantRegistry } from '@assay/platform';

/**
 * The tenant-facing retention setting. The value lives on the tenant's registry record, and
 * applies to invitations created from then on (each record carries its own `retainUntil`).
 */
export async function retentionSetting(registry: TenantRegistry, tenantId: string) {
  return { retentionMonths: await registry.retentionMonths(tenantId) };
}

export async function updateRetention(
  registry: TenantRegistry,
  tenantId: string,
  retentionMonths: number,
) {
  try {
    await registry.setRetentionMonths(tenantId, retentionMonths);
  } catch (err) {
    // Bounds are checked by the route's schema; what is left is a concurrent change.
    if (err instanceof RegistryError) throw problems.conflict(err.message);
    throw err;
  }
  return { retentionMonths };
}
