import { z } from 'zod';
import { playbookPublished } from '@assay/events';
import { defineService } from '@assay/platform/manifest';

export const rubricVersion = z.object({
  playbookId: z.string(),
  version: z.string(),
  hash: z.string(),
  recordedAt: z.string(),
});

export const scoringService = defineService({
  name: 'scoring',
  table: { name: 'scoring', indexes: [], ttlAttribute: 'ttl', outbox: true },
  handlers: { http: 'src/handlers/http.ts', events: 'src/handlers/events.ts' },
  routes: [
    {
      operationId: 'listRubricVersions',
      method: 'GET',
      path: '/v1/rubrics/{playbookId}/versions',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'Playbook versions the scoring service holds and can score with',
      params: z.object({ playbookId: z.string().min(1).max(64) }),
      response: { status: 200, body: z.object({ items: z.array(rubricVersion) }) },
    },
  ],
  publishes: [],
  subscribes: [{ event: playbookPublished, handler: 'recordRubric' }],
});
