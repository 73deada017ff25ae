import { dynamoClient, eventHandler } from '@assay/platform';
import { recordPublishedPlaybook } from '../domain/rubrics';
import { scoringService } from '../service';
import { ScoringStore } from '../store';

const store = new ScoringStore(dynamoClient());

export const handler = eventHandler(scoringService, {
  recordRubric: async (detail, { logger }) => {
    const stored = await recordPublishedPlaybook(store, detail);
    if (!stored) logger.info('rubric already recorded', { eventId: detail.eventId });
  },
});
