import type { EventDetail, playbookPublished } from '@assay/events';
import { resolveClaim } from '@assay/platform';
import type { ScoringStore } from '../store';

/**
 * Keeps the published version exactly as content published it, so a session that pinned a
 * version is scored with that version even after newer ones appear.
 */
export async function recordPublishedPlaybook(
  store: ScoringStore,
  event: EventDetail<typeof playbookPublished>,
  now = new Date(),
): Promise<boolean> {
  return store.recordRubric(event.tenantId, {
    playbookId: event.data.playbookId,
    version: event.data.version,
    hash: event.data.hash,
    recordedAt: now.toISOString(),
    sourceEventId: event.eventId,
    playbook:
      'playbook' in event.data
        ? event.data.playbook
        : await resolveClaim(event.tenantId, event.data.playbookRef),
  });
}
