import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantRegistry } from '@assay/platform';

export const DEMO_TENANT_ID = 'demo';

/**
 * Makes sure the demo tenant exists and has a working admin key. Only the hash is in the
 * registry, so the clear key is kept in a private file under the local data folder (when there
 * is one) to print it again on the next start instead of minting a new key every time.
 */
export async function ensureDemoTenant(
  registry: TenantRegistry,
  dataDir: string | undefined,
): Promise<{ tenantId: string; apiKey: string }> {
  if (!(await registry.getTenant(DEMO_TENANT_ID)))
    await registry.createTenant('Demo Clinic', DEMO_TENANT_ID);
  const keyFile = dataDir ? join(dataDir, 'demo-api-key') : undefined;
  const saved = keyFile ? readIfPresent(keyFile) : undefined;
  if (saved && (await registry.resolveApiKey(saved))?.tenantId === DEMO_TENANT_ID) {
    return { tenantId: DEMO_TENANT_ID, apiKey: saved };
  }
  const { apiKey } = await registry.createApiKey(DEMO_TENANT_ID, ['admin'], 'demo');
  if (keyFile) {
    writeFileSync(keyFile, apiKey, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  }
  return { tenantId: DEMO_TENANT_ID, apiKey };
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
