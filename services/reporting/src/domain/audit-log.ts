import type { ReportingStore } from '../store';
import { enqueueAppend } from './audit-appender';
import {
  chainVerifier,
  isTombstone,
  type AuditEntry,
  type ChainBreak,
  type EventEnvelope,
  type Tombstone,
} from './audit';

/**
 * Appends an event to its tenant's chain once; false when it was already there. `erasedBy`
 * (an event about a candidate already erased, arriving late) stores the link as a tombstone
 * from the start: the chain covers it, the data is never kept. Appends of one tenant are
 * queued and written in batches (`audit-appender.ts`); the conditional head move keeps
 * concurrent processes from forking the chain.
 */
export function appendToAudit(
  store: ReportingStore,
  detail: EventEnvelope,
  erasedBy?: string,
): Promise<boolean> {
  return enqueueAppend(store, detail, erasedBy);
}

/**
 * A session's entries in the order things happened (occurredAt, then chain order), with the
 * entry's content parsed for reading. The chain itself records arrival order, which the bus does
 * not promise matches the order events occurred in; `seq` still shows each entry's chain place.
 */
export async function sessionAudit(store: ReportingStore, tenantId: string, sessionId: string) {
  const entries = (await store.sessionEntries(tenantId, sessionId)).map((e) => ({
    seq: e.seq,
    hash: e.hash,
    prevHash: e.prevHash,
    entry: JSON.parse(e.entry) as AuditEntry | Tombstone,
  }));
  // ISO-8601 UTC timestamps order as plain strings; tombstones keep no time, only chain order.
  const time = (e: AuditEntry | Tombstone) => (isTombstone(e) ? '' : e.occurredAt);
  const byTime = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort((a, b) => byTime(time(a.entry), time(b.entry)) || a.seq - b.seq);
}

export interface Verification {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  firstBroken: ChainBreak | null;
}

/** Walks the tenant's whole chain; also checks the head names the last entry (no truncation). */
export async function verifyAudit(store: ReportingStore, tenantId: string): Promise<Verification> {
  const verifier = chainVerifier();
  for await (const page of store.chain(tenantId)) {
    for (const stored of page) {
      const broken = verifier.next(stored);
      if (broken) return { ok: false, entries: verifier.checked, head: null, firstBroken: broken };
    }
  }
  const head = (await store.chainHead(tenantId)) ?? null;
  const last = verifier.head;
  if ((head?.seq ?? 0) !== last.seq || (head && head.hash !== last.hash)) {
    return {
      ok: false,
      entries: verifier.checked,
      head,
      firstBroken: { seq: last.seq + 1, reason: `the head names entry ${head?.seq ?? 0}` },
    };
  }
  return { ok: true, entries: verifier.checked, head, firstBroken: null };
}
