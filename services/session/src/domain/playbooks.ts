import type { EventDetail, playbookPublished } from '@assay/events';
import { resolveClaim } from '@assay/platform';
import { findBuiltin, Playbook, playbookHash } from '@assay/playbooks';
import type { PinnedPlaybook, SessionStore } from '../store';

/** Keeps the tenant's published version as content published it (event-carried state). */
export async function recordPublishedPlaybook(
  store: SessionStore,
  event: EventDetail<typeof playbookPublished>,
  now = new Date(),
): Promise<boolean> {
  const { data } = event;
  const document =
    'playbook' in data ? data.playbook : await resolveClaim(event.tenantId, data.playbookRef);
  return store.recordPlaybook(event.tenantId, {
    id: data.playbookId,
    version: data.version,
    hash: data.hash,
    title: data.title,
    document: JSON.stringify(document),
    sourceEventId: event.eventId,
    recordedAt: now.toISOString(),
  });
}

/**
 * A playbook version an assessment can pin: the tenant's own published copy first, then the
 * library. Undefined when neither has it.
 */
export async function findPlaybook(
  store: SessionStore,
  tenantId: string,
  id: string,
  version?: string,
): Promise<{ pinned: PinnedPlaybook; playbook: Playbook } | undefined> {
  const own = await store.getPlaybook(tenantId, id, version);
  if (own) {
    const playbook = Playbook.parse(JSON.parse(own.document));
    return { pinned: { id, version: own.version, hash: own.hash }, playbook };
  }
  const builtin = findBuiltin(version ? `${id}@${version}` : id);
  if (!builtin) return undefined;
  return {
    pinned: { id, version: builtin.version, hash: playbookHash(builtin) },
    playbook: builtin,
  };
}
