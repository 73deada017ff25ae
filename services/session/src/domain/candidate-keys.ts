import { createHash } from 'node:crypto';

/**
 * How an erasure request finds a tenant's invitations without a scan and without storing the
 * email or external id a second time in clear: each invitation writes lookup items keyed by the
 * SHA-256 of its normalised email and of its external id (namespaced so the two never collide).
 */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const emailKey = (email: string): string => `e:${digest(`email\n${normaliseEmail(email)}`)}`;
export const externalIdKey = (externalId: string): string =>
  `x:${digest(`external-id\n${externalId.normalize('NFC').trim()}`)}`;

/** The lookup keys of one candidate as invited. */
export function invitationKeys(candidate: { email: string; externalId?: string }): string[] {
  return [
    emailKey(candidate.email),
    ...(candidate.externalId ? [externalIdKey(candidate.externalId)] : []),
  ];
}

/**
 * The keys a `DELETE /v1/candidates/{candidate}` value may stand for: an email (when it looks
 * like one) and, always, an external id (which may itself look like an email).
 */
export function requestKeys(candidate: string): string[] {
  const keys = [externalIdKey(candidate)];
  if (/^[^@\s]+@[^@\s]+$/.test(candidate.trim())) keys.unshift(emailKey(candidate));
  return keys;
}
