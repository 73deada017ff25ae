import type { TableDefinition } from './manifest';

/**
 * The tenant registry: tenants, hashed API keys and their scopes. Read by every service's auth
 * middleware (in AWS by the HTTP Lambdas with read-only access); written only by operators.
 */
export const tenantsTable: TableDefinition = {
  name: 'tenants',
  indexes: [],
  ttlAttribute: 'ttl',
  outbox: false,
};
