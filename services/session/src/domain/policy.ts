// Timing rules of a session, as plain functions of the clock.

/** Writes arriving this long after the deadline still count (network latency, a last autosave). */
export function graceMs(): number {
  // Overridable so tests of the time-out path need not wait half a minute.
  const seconds = Number(process.env.ASSAY_SESSION_GRACE_SECONDS ?? 30);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 30) * 1000;
}

/** The candidate's time: the assessment's limit stretched by their extra-time accommodation. */
export function allowedMinutes(timeLimitMinutes: number, extraTimePercent: number): number {
  return timeLimitMinutes * (1 + extraTimePercent / 100);
}

export function deadlineFor(start: Date, minutes: number): Date {
  return new Date(start.getTime() + Math.round(minutes * 60_000));
}

/** A token outlives the invitation by the longest session it can start, so a late start can finish. */
export function tokenExpiry(invitationExpiresAt: Date, minutes: number): Date {
  const day = 24 * 3600_000;
  return new Date(invitationExpiresAt.getTime() + Math.round(minutes * 60_000) + graceMs() + day);
}

export const DEFAULT_INVITATION_DAYS = 14;
export const MAX_INVITATION_DAYS = 90;
