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

/**
 * How long a tenant keeps candidates' personal data unless it chooses otherwise (months, on
 * the tenant's record). Every item holding candidate data carries a `ttl` derived from it.
 */
export const DEFAULT_RETENTION_MONTHS = 24;
export const MAX_RETENTION_MONTHS = 120;

/**
 * The claim-check store: event payloads too large for the bus (over 200 KB), written in the
 * producer's transaction and referenced from the event; consumers read them with resolveClaim().
 * No TTL: a replayed event must still resolve its claim.
 */
export const claimsTable: TableDefinition = {
  name: 'claims',
  indexes: [],
  outbox: false,
};
