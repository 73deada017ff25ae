import { dynamoClient, httpHandler } from '@assay/platform';
import { scoringService } from '../service';
import { ScoringStore } from '../store';

const store = new ScoringStore(dynamoClient());

export const handler = httpHandler(scoringService, {
  listRubricVersions: async ({ tenantId, params }) => ({
    status: 200,
    body: { items: await store.listRubricVersions(tenantId, params.playbookId) },
  }),
});
