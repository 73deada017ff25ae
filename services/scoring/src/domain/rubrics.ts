import type { EventDetail, playbookPublished } from '@assay/events';
import { PoisonEventError, resolveClaim } from '@assay/platform';
import { builtinPlaybooks, findBuiltin, Playbook, playbookHash } from '@assay/playbooks';
import type { PinnedPlaybook, ScoringStore } from '../store';

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

/** The version is neither held (its `playbook.published` may still be on its way) nor built in. */
export class RubricNotHeldError extends Error {}

/**
 * The playbook version a session pinned, from the tenant's own published copy or the library
 * (the order an assessment pins in). Its content hash must be the pinned hash: a mismatch means
 * the session was drawn from something scoring does not hold, and scoring it anyway would
 * produce a score nobody can explain, so it is refused as a poison event.
 */
export async function pinnedRubric(
  store: ScoringStore,
  tenantId: string,
  pinned: PinnedPlaybook,
): Promise<Playbook> {
  const playbook = await findRubric(store, tenantId, pinned.id, pinned.version);
  if (!playbook) {
    throw new RubricNotHeldError(`rubric ${pinned.id}@${pinned.version} is not held yet`);
  }
  const actual = playbookHash(playbook);
  if (actual !== pinned.hash) {
    throw new PoisonEventError(
      `rubric ${pinned.id}@${pinned.version} hashes to ${actual}, the session pinned ${pinned.hash}`,
    );
  }
  return playbook;
}

export async function findRubric(
  store: ScoringStore,
  tenantId: string,
  playbookId: string,
  version: string,
): Promise<Playbook | undefined> {
  const own = await store.getRubric(tenantId, playbookId, version);
  if (own) return Playbook.parse(own.playbook);
  return findBuiltin(`${playbookId}@${version}`);
}

/** Every version of a playbook scoring can score with: the tenant's own and the library's. */
export async function knownVersions(
  store: ScoringStore,
  tenantId: string,
  playbookId: string,
): Promise<string[]> {
  const own = await store.listRubricVersions(tenantId, playbookId);
  const builtin = builtinPlaybooks.filter((p) => p.id === playbookId).map((p) => p.version);
  return [...new Set([...own.map((r) => r.version), ...builtin])].sort(compareVersions);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
