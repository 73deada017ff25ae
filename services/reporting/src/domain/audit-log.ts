import type { ReportingStore } from '../store';
import {
  chainVerifier,
  nextLink,
  type AuditEntry,
  type ChainBreak,
  type EventEnvelope,
} from './audit';

/** Appends tried before giving up (the bus then retries the delivery). */
const APPEND_ATTEMPTS = 50;

/** Appends an event to its tenant's chain once; false when it was already there. */
export async function appendToAudit(
  store: ReportingStore,
  detail: EventEnvelope,
): Promise<boolean> {
  for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
    const head = await store.chainHead(detail.tenantId);
    const outcome = await store.appendLink(
      detail.tenantId,
      detail.eventId,
      nextLink(detail, head),
      head,
    );
    if (outcome !== 'raced') return outcome === 'appended';
    // Another append took this seq: back off a little, with jitter, and link after it.
    await new Promise((done) => setTimeout(done, Math.random() * 10 * (attempt + 1)));
  }
  throw new Error(`audit append of ${detail.eventId} kept racing; the bus will retry it`);
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
    entry: JSON.parse(e.entry) as AuditEntry,
  }));
  // ISO-8601 UTC timestamps order as plain strings.
  const byTime = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort((a, b) => byTime(a.entry.occurredAt, b.entry.occurredAt) || a.seq - b.seq);
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
