import { defineService } from '@assay/platform/manifest';

// Routes and events arrive with the reporting issue; the table is declared now so every stack has it.
export const reportingService = defineService({
  name: 'reporting',
  table: { name: 'reporting', indexes: [], outbox: false },
  handlers: {},
  routes: [],
  publishes: [],
  subscribes: [],
});
