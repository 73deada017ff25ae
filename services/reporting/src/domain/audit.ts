import { createHash } from 'node:crypto';
import { canonicalJson } from '@assay/scoring';

/** The previous hash of a tenant's first entry. */
export const GENESIS_HASH = `sha256:${'0'.repeat(64)}`;
/** Event data up to this size is kept in the entry itself; the detail's hash covers all of it. */
const INLINE_DATA_BYTES = 4 * 1024;

/** What one audit entry records of an event (never more than the event carried). */
export interface AuditEntry {
  seq: number;
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  tenantId: string;
  correlationId: string;
  causationId?: string;
  sessionId?: string;
  /** sha256 of the canonical JSON of the whole event detail. */
  detailHash: string;
  /** The event's data when small (reviews, interviews, score summaries); absent otherwise. */
  data?: unknown;
}

export interface StoredEntry {
  seq: number;
  /**
   * The entry whose digest was hashed: its canonical JSON, or once its candidate was erased a
   * tombstone (canonical JSON of `Tombstone`) that keeps only the digest.
   */
  entry: string;
  prevHash: string;
  hash: string;
}

/** What replaces an entry about an erased candidate: the digest the chain hashed, no data. */
export interface Tombstone {
  seq: number;
  erased: true;
  erasureId: string;
  /** sha256 of the erased entry's canonical JSON: the chain still links through it. */
  entryDigest: string;
}

/** The envelope fields every event detail carries (the chain reads no more than these). */
export interface EventEnvelope {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  tenantId: string;
  correlationId: string;
  causationId?: string;
  data: unknown;
}

export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * Each entry's hash covers the previous entry's hash and the digest of this entry's canonical
 * JSON, so an entry can later be replaced by a tombstone holding only that digest (erasure)
 * while the chain still verifies, and any other change to it is still found.
 */
export function chainHash(prevHash: string, entryDigest: string): string {
  return sha256(`${prevHash}\n${entryDigest}`);
}

/** The tombstone of a stored entry (the same tombstone again for one already erased). */
export function tombstoneOf(stored: StoredEntry, erasureId: string): string {
  const parsed = JSON.parse(stored.entry) as Partial<Tombstone>;
  if (parsed.erased === true) return stored.entry;
  const tombstone: Tombstone = {
    seq: stored.seq,
    erased: true,
    erasureId,
    entryDigest: sha256(stored.entry),
  };
  return canonicalJson(tombstone);
}

/** True when a stored entry is a tombstone. */
export function isTombstone(entry: unknown): entry is Tombstone {
  return (entry as Partial<Tombstone> | null)?.erased === true;
}

export function auditEntry(detail: EventEnvelope, seq: number): AuditEntry {
  const data = detail.data as { sessionId?: unknown };
  const dataJson = canonicalJson(detail.data);
  return {
    seq,
    eventId: detail.eventId,
    type: detail.type,
    version: detail.version,
    occurredAt: detail.occurredAt,
    tenantId: detail.tenantId,
    correlationId: detail.correlationId,
    ...(detail.causationId ? { causationId: detail.causationId } : {}),
    ...(typeof data?.sessionId === 'string' ? { sessionId: data.sessionId } : {}),
    detailHash: sha256(canonicalJson(detail)),
    ...(Buffer.byteLength(dataJson, 'utf8') <= INLINE_DATA_BYTES ? { data: detail.data } : {}),
  };
}

/** The next link of the chain after `prev` (undefined for the tenant's first entry). */
export function nextLink(
  detail: EventEnvelope,
  prev: { seq: number; hash: string } | undefined,
): StoredEntry & { sessionId?: string } {
  const seq = (prev?.seq ?? 0) + 1;
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const entry = auditEntry(detail, seq);
  const json = canonicalJson(entry);
  return {
    seq,
    entry: json,
    prevHash,
    hash: chainHash(prevHash, sha256(json)),
    sessionId: entry.sessionId,
  };
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Walks entries in sequence order, carrying the previous hash: each must follow on (seq + 1),
 * name the previous hash, hash to what it stores, and hold readable JSON naming its own seq.
 * A tombstone stands in with its stored digest (so altering that digest breaks the chain).
 * Returns the first break, or undefined. Stateful so a caller can feed it page by page.
 */
export function chainVerifier() {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  return {
    next(stored: StoredEntry): ChainBreak | undefined {
      const { seq } = stored;
      if (seq !== prev.seq + 1)
        return { seq, reason: `expected entry ${prev.seq + 1}, found ${seq}` };
      if (stored.prevHash !== prev.hash)
        return { seq, reason: 'does not link to the previous entry' };
      let parsed: { seq?: unknown; erased?: unknown; entryDigest?: unknown };
      try {
        parsed = JSON.parse(stored.entry) as typeof parsed;
      } catch {
        return { seq, reason: 'its content is not readable JSON' };
      }
      const digest =
        isTombstone(parsed) && typeof parsed.entryDigest === 'string'
          ? parsed.entryDigest
          : sha256(stored.entry);
      if (chainHash(prev.hash, digest) !== stored.hash)
        return { seq, reason: 'its content does not match its hash' };
      if (parsed.seq !== seq) return { seq, reason: 'its content names another sequence number' };
      prev = { seq, hash: stored.hash };
      checked += 1;
      return undefined;
    },
    get checked() {
      return checked;
    },
    get head() {
      return prev;
    },
  };
}
