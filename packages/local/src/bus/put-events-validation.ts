import type { PutEventsRequestEntry } from './types';

/** EventBridge's limit on one entry, measured as AWS documents it (see entrySize). */
export const MAX_ENTRY_BYTES = 256 * 1024;
/** EventBridge accepts 1 to 10 entries per PutEvents call. */
export const MAX_ENTRIES_PER_REQUEST = 10;

/** A whole PutEvents request is malformed (AWS answers it with a ValidationException). */
export class PutEventsValidationError extends Error {
  override readonly name = 'ValidationException';
}

export type EntryValidation =
  | { ok: true; detail: Record<string, unknown>; time: Date | undefined; resources: string[] }
  | { ok: false; ErrorCode: string; ErrorMessage: string };

export function validateRequest(entries: unknown): asserts entries is PutEventsRequestEntry[] {
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES_PER_REQUEST) {
    throw new PutEventsValidationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES_PER_REQUEST}`,
    );
  }
}

/** Validates one entry with AWS's per-entry error codes (InvalidArgument, MalformedDetail). */
export function validateEntry(entry: PutEventsRequestEntry, busName: string): EntryValidation {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    const value: unknown = entry[field];
    if (typeof value !== 'string' || value.length === 0) {
      return invalid(`Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
    }
  }
  if (entry.EventBusName !== undefined && !namesBus(entry.EventBusName, busName)) {
    return invalid(`Event bus ${entry.EventBusName} does not exist.`);
  }
  const time: unknown = entry.Time;
  if (time !== undefined && !(time instanceof Date && Number.isFinite(time.getTime()))) {
    return invalid('Parameter Time is not valid. Reason: Time must be a timestamp.');
  }
  const resources: unknown = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string')) {
    return invalid(
      'Parameter Resources is not valid. Reason: Resources must be a list of strings.',
    );
  }
  const size = entrySize(entry);
  if (size > MAX_ENTRY_BYTES) {
    return invalid(`Entry size ${size} bytes exceeds the limit of ${MAX_ENTRY_BYTES} bytes.`);
  }
  const detail = parseObject(entry.Detail as string);
  if (!detail)
    return { ok: false, ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  return { ok: true, detail, time, resources };
}

/**
 * Entry size as AWS computes it for the 256 KB limit: 14 bytes for Time when present, plus
 * the UTF-8 bytes of Source, DetailType, Detail and each resource.
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  const texts = [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])];
  return (
    (entry.Time === undefined ? 0 : 14) +
    texts.reduce((sum, text) => sum + Buffer.byteLength(text ?? '', 'utf8'), 0)
  );
}

/** A bus is named by its name or its ARN (`arn:aws:events:…:event-bus/<name>`). */
function namesBus(nameOrArn: string, busName: string): boolean {
  return nameOrArn === busName || nameOrArn.endsWith(`:event-bus/${busName}`);
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function invalid(message: string): EntryValidation {
  return { ok: false, ErrorCode: 'InvalidArgument', ErrorMessage: message };
}
