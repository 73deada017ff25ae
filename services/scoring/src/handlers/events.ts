import { deleteClaim, dynamoClient, eventHandler } from '@assay/platform';
import { eraseScoringData } from '../domain/erasure';
import { recordPublishedPlaybook } from '../domain/rubrics';
import { scoreSubmission } from '../domain/scorecards';
import { scoringService } from '../service';
import { ScoringStore } from '../store';

const store = new ScoringStore(dynamoClient());

export const handler = eventHandler(scoringService, {
  recordRubric: async (detail, { logger }) => {
    const stored = await recordPublishedPlaybook(store, detail);
    if (!stored) logger.info('rubric already recorded', { eventId: detail.eventId });
  },
  scoreSession: async (detail, { logger }) => {
    const scored = await scoreSubmission(store, detail);
    if (!scored) logger.info('session already scored', { eventId: detail.eventId });
  },
  eraseCandidate: (detail) =>
    eraseScoringData(store, detail, (tenantId, ref) => deleteClaim(tenantId, ref)),
});
