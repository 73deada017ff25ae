import type { DrawnForm } from '@assay/playbooks';
import type { SessionRecord } from '../store';

/**
 * What never changes about a session once it has started: whose it is, its drawn form and when
 * it closes. Autosave needs these on every write; keeping them in memory spares reading (and
 * parsing) the whole session item each time. What does change — the status (submitted, revoked,
 * erased) — is never taken from here: every answer write reads it from the session's gate item,
 * strongly consistent, after writing (domain/answer-writes.ts).
 */
export interface SessionFacts {
  invitationId: string;
  closesAt: string;
  itemIds: ReadonlySet<string>;
  playbook: DrawnForm['playbook'];
  retainUntil?: string;
}

const MAX_ENTRIES = 5_000;
const facts = new Map<string, SessionFacts>();
/**
 * Drawn playbooks (~60 KB of JSON each) shared between sessions that drew the same items of the
 * same version, so memory grows with distinct forms, not with candidates.
 */
const playbooks = new Map<string, DrawnForm['playbook']>();

function bounded<V>(map: Map<string, V>, k: string, v: V): V {
  if (map.size >= MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(k, v);
  return v;
}

const key = (tenantId: string, sessionId: string) => `${tenantId}#${sessionId}`;

export function knownSessionFacts(tenantId: string, sessionId: string): SessionFacts | undefined {
  return facts.get(key(tenantId, sessionId));
}

export function rememberSessionFacts(tenantId: string, session: SessionRecord): SessionFacts {
  const { form } = session;
  const drawn = `${tenantId}#${session.playbook.hash}#${form.itemIds.join(',')}`;
  return bounded(facts, key(tenantId, session.id), {
    invitationId: session.invitationId,
    closesAt: session.closesAt,
    itemIds: new Set(form.itemIds),
    playbook: playbooks.get(drawn) ?? bounded(playbooks, drawn, form.playbook),
    ...(session.retainUntil ? { retainUntil: session.retainUntil } : {}),
  });
}
