import { defineService } from '@assay/platform/manifest';

// Routes and events arrive with the session issue; the table is declared now so every stack has it.
export const sessionService = defineService({
  name: 'session',
  table: { name: 'session', indexes: [], ttlAttribute: 'ttl', outbox: true },
  handlers: {},
  routes: [],
  publishes: [],
  subscribes: [],
});
