import {
  MAX_LINKS_PER_APPEND,
  type AuditLink,
  type ChainHead,
  type ReportingStore,
} from '../store';
import { nextLink, tombstoneOf, type EventEnvelope } from './audit';

/** Head re-reads after another process's append raced ours, before giving up on a batch. */
const RACED_ATTEMPTS = 50;

interface Waiting {
  detail: EventEnvelope;
  erasedBy?: string;
  resolve: (appended: boolean) => void;
  reject: (err: unknown) => void;
}

/** One event of a batch, and every waiting append of it (redeliveries of one event id). */
interface Batched {
  detail: EventEnvelope;
  erasedBy?: string;
  waiting: Waiting[];
}

/**
 * Appends waiting per store (one per process) and tenant. While a tenant's batch is being
 * written, the appends arriving for it wait here and go together in the next batch: one head
 * read and one transaction for up to MAX_LINKS_PER_APPEND events, instead of every append
 * racing every other for the same head (which grew as the square of the burst).
 */
const queues = new WeakMap<ReportingStore, Map<string, Waiting[]>>();

/**
 * The head this process last wrote, per store and tenant: the next batch links after it
 * without reading it again. Only a hint: if another process moved the head since, the
 * conditional head move fails and the head is read afresh.
 */
const lastWritten = new WeakMap<ReportingStore, Map<string, ChainHead>>();

/**
 * Appends an event to its tenant's chain once; resolves false when it was already there.
 * `erasedBy` stores the link as a tombstone from the start (see `appendToAudit`).
 */
export function enqueueAppend(
  store: ReportingStore,
  detail: EventEnvelope,
  erasedBy?: string,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let tenants = queues.get(store);
    if (!tenants) queues.set(store, (tenants = new Map()));
    const waiting: Waiting = { detail, erasedBy, resolve, reject };
    const queue = tenants.get(detail.tenantId);
    if (queue) {
      queue.push(waiting);
      return;
    }
    tenants.set(detail.tenantId, [waiting]);
    void drain(store, tenants, detail.tenantId);
  });
}

/** Writes the tenant's waiting appends batch by batch until none are left. */
async function drain(store: ReportingStore, tenants: Map<string, Waiting[]>, tenantId: string) {
  const queue = tenants.get(tenantId)!;
  // Let the appends queued in the same tick (a redelivered batch of events) join the first.
  await Promise.resolve();
  while (queue.length > 0) {
    const batch = takeBatch(queue);
    try {
      const appended = await appendBatch(store, tenantId, batch);
      for (const { detail, waiting } of batch) {
        // The first of an event's waiting appends wrote it; its redeliveries find it there.
        waiting.forEach((w, i) => w.resolve(i === 0 && appended.has(detail.eventId)));
      }
    } catch (err) {
      for (const { waiting } of batch) for (const w of waiting) w.reject(err);
    }
  }
  // No await since the last length check: nothing can have been queued in between.
  tenants.delete(tenantId);
}

/** Takes waiting appends off the queue until the batch holds the most distinct events it can. */
function takeBatch(queue: Waiting[]): Batched[] {
  const byEvent = new Map<string, Batched>();
  let taken = 0;
  for (const w of queue) {
    const same = byEvent.get(w.detail.eventId);
    if (same) same.waiting.push(w);
    else if (byEvent.size === MAX_LINKS_PER_APPEND) break;
    else byEvent.set(w.detail.eventId, { detail: w.detail, erasedBy: w.erasedBy, waiting: [w] });
    taken += 1;
  }
  queue.splice(0, taken);
  return [...byEvent.values()];
}

/**
 * Links the batch after the head in one conditional transaction; returns the event ids it
 * appended. Events already in the chain are dropped and the rest linked again; when another
 * process moved the head first, re-reads it (with jittered backoff) and links after it.
 */
async function appendBatch(
  store: ReportingStore,
  tenantId: string,
  batch: Batched[],
): Promise<Set<string>> {
  let pending = batch;
  let known = lastWritten.get(store);
  if (!known) lastWritten.set(store, (known = new Map()));
  for (let raced = 0; raced < RACED_ATTEMPTS;) {
    const cached = known.get(tenantId);
    known.delete(tenantId);
    const head = cached ?? (await store.chainHead(tenantId));
    const links = linksAfter(head, pending);
    const result = await store.appendLinks(tenantId, links, head);
    if (result.outcome === 'appended') {
      const last = links.at(-1)!.link;
      known.set(tenantId, { seq: last.seq, hash: last.hash });
      return new Set(pending.map((b) => b.detail.eventId));
    }
    if (result.outcome === 'duplicate') {
      // Each round drops at least one event, so this ends.
      const dropped = new Set(result.indexes);
      pending = pending.filter((_, i) => !dropped.has(i));
      if (pending.length === 0) return new Set();
      continue;
    }
    // A stale cached head: read the real one at once. A fresh one lost a race: back off.
    if (cached) continue;
    raced += 1;
    await new Promise((done) => setTimeout(done, Math.random() * 10 * raced));
  }
  throw new Error(`audit append of ${pending.length} events kept racing; the bus will retry them`);
}

/** Consecutive links after `head`, one per event (a tombstone from the start when erased). */
function linksAfter(head: ChainHead | undefined, batch: Batched[]): AuditLink[] {
  let prev = head;
  return batch.map(({ detail, erasedBy }) => {
    const link = nextLink(detail, prev);
    prev = { seq: link.seq, hash: link.hash };
    return {
      eventId: detail.eventId,
      link: erasedBy ? { ...link, entry: tombstoneOf(link, erasedBy) } : link,
    };
  });
}
