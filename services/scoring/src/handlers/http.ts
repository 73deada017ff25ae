import { dynamoClient, httpHandler, type OperationRequest } from '@assay/platform';
import { submitInterview } from '../domain/interviews';
import { cardView, readCard, rescoreSession, reviewItem } from '../domain/scorecards';
import { scoringService } from '../service';
import { ScoringStore } from '../store';

const store = new ScoringStore(dynamoClient());

/** Tenant routes only: the principal is an API key, whose id is the reviewer's identity. */
function actor({ tenantId, principal, correlationId }: OperationRequest) {
  const reviewer = principal?.kind === 'tenant' ? principal.keyId : 'unknown';
  return { reviewer, ctx: { tenantId: tenantId!, correlationId } };
}

export const handler = httpHandler(scoringService, {
  listRubricVersions: async ({ tenantId, params }) => ({
    status: 200,
    body: { items: await store.listRubricVersions(tenantId, params.playbookId) },
  }),
  getScorecard: async ({ tenantId, params }) => ({
    status: 200,
    body: cardView(await readCard(store, tenantId, params.id)),
  }),
  reviewScore: async (req) => {
    const { reviewer, ctx } = actor(req as OperationRequest);
    return {
      status: 200,
      body: await reviewItem(store, req.tenantId, req.params.id, req.body, reviewer, ctx),
    };
  },
  rescoreSession: async (req) => {
    const { reviewer, ctx } = actor(req as OperationRequest);
    return {
      status: 200,
      body: await rescoreSession(store, req.tenantId, req.params.id, req.body, reviewer, ctx),
    };
  },
  submitInterview: async (req) => {
    const { reviewer, ctx } = actor(req as OperationRequest);
    return {
      status: 201,
      body: await submitInterview(store, req.tenantId, req.params.id, req.body, reviewer, ctx),
    };
  },
});
