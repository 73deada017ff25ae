import { RegistryError } from '@assay/platform';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { openRegistry } from '../registry';

const USAGE =
  'assay tenant create --name "Acme Clinic" [--id acme] [--scopes admin] [--retention-months 24] | assay tenant list [--json]';

/** Operators' tenant management: create prints the tenant's first API key, once. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      name: { type: 'string' },
      id: { type: 'string' },
      scopes: { type: 'string', default: 'admin' },
      'retention-months': { type: 'string' },
      json: { type: 'boolean', default: false },
      data: { type: 'string', default: '.assay' },
    },
    USAGE,
  );
  const registry = openRegistry(values.data);
  switch (positionals[0]) {
    case 'create': {
      if (!values.name?.trim()) throw new CliError(`--name is required\nusage: ${USAGE}`);
      if (values.id !== undefined && !/^[a-z0-9][a-z0-9-]{1,39}$/.test(values.id)) {
        throw new CliError('--id must be 2–40 lowercase letters, digits or dashes');
      }
      const retention = values['retention-months'];
      if (retention !== undefined && !/^\d{1,3}$/.test(retention))
        throw new CliError('--retention-months must be a whole number of months');
      const tenant = await registry
        .createTenant(values.name.trim(), values.id, {
          ...(retention !== undefined ? { retentionMonths: Number(retention) } : {}),
        })
        .catch(registryError);
      const { apiKey } = await registry.createApiKey(tenant.tenantId, parseScopes(values.scopes));
      if (values.json) console.log(JSON.stringify({ ...tenant, apiKey }));
      else
        console.log(
          `tenant ${tenant.tenantId} (${tenant.name}) created\napi key ${apiKey}\n(shown once; only its hash is stored)`,
        );
      return 0;
    }
    case 'list': {
      const tenants = await registry.listTenants();
      if (values.json) console.log(JSON.stringify(tenants));
      else
        for (const t of tenants)
          console.log(`${t.tenantId.padEnd(28)} ${t.region.padEnd(12)} ${t.createdAt}  ${t.name}`);
      return 0;
    }
    default:
      throw new CliError(`usage: ${USAGE}`);
  }
}

export function parseScopes(raw: string) {
  const scopes = raw.split(',').map((s) => s.trim());
  for (const s of scopes)
    if (!['read', 'write', 'admin'].includes(s))
      throw new CliError(`unknown scope "${s}" (read, write, admin)`);
  return scopes as ('read' | 'write' | 'admin')[];
}

export function registryError(err: unknown): never {
  if (err instanceof RegistryError) throw new CliError(err.message);
  throw err;
}
