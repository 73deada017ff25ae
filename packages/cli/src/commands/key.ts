import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { openRegistry } from '../registry';
import { parseScopes, registryError } from './tenant';

const USAGE =
  'assay key create --tenant <id> [--scopes read,write] [--label ci] | assay key revoke <keyId>';

/** API keys: create prints the key once; revoke takes effect on the next request. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      tenant: { type: 'string' },
      scopes: { type: 'string', default: 'read' },
      label: { type: 'string', default: 'default' },
      json: { type: 'boolean', default: false },
      data: { type: 'string', default: '.assay' },
    },
    USAGE,
  );
  const registry = openRegistry(values.data);
  switch (positionals[0]) {
    case 'create': {
      if (!values.tenant) throw new CliError(`--tenant is required\nusage: ${USAGE}`);
      const { apiKey, record } = await registry
        .createApiKey(values.tenant, parseScopes(values.scopes), values.label)
        .catch(registryError);
      if (values.json) console.log(JSON.stringify({ ...record, apiKey }));
      else
        console.log(
          `key ${record.keyId} for tenant ${record.tenantId} [${record.scopes.join(',')}]\n${apiKey}`,
        );
      return 0;
    }
    case 'revoke': {
      const keyId = positionals[1];
      if (!keyId) throw new CliError(`usage: ${USAGE}`);
      const record = await registry.revokeApiKey(keyId).catch(registryError);
      console.log(
        values.json ? JSON.stringify(record) : `key ${record.keyId} revoked at ${record.revokedAt}`,
      );
      return 0;
    }
    default:
      throw new CliError(`usage: ${USAGE}`);
  }
}
