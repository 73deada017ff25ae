import { ulid } from 'ulid';

/** A playbook id a tenant did not choose: short, lowercase, URL-safe and unique. */
export function newPlaybookId(): string {
  return `pb-${ulid().toLowerCase()}`;
}
