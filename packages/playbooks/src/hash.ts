// The content hash that pins a playbook version on every scorecard.
import { contentHash } from '@assay/scoring';
import type { Playbook } from './format';

/** `sha256:<hex>` of the canonical JSON (sorted keys) of the parsed playbook. */
export function playbookHash(playbook: Playbook): string {
  return contentHash(playbook);
}
