import { z } from 'zod';
import { defineEvent } from '../define-event';

const version = {
  playbookId: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be semver'),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  title: z.string().min(1),
  publishedAt: z.iso.datetime(),
};

/** Matches the platform's ClaimRef; consumers pass it to resolveClaim() with the event's tenant. */
const claimRef = z
  .object({
    claimId: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    bytes: z.number().int().positive(),
    chunks: z.number().int().positive(),
  })
  .describe('Claim check of the published document, for versions too large to travel inline');

export const playbookPublished = defineEvent({
  type: 'playbook.published',
  version: 1,
  source: 'assay.content',
  description:
    'A tenant published an immutable playbook version. Carries the whole version (inline, or as a claim-check reference when the detail would exceed 200 KB) so scoring can score with exactly what a session pinned.',
  data: z.union([
    z.object({ ...version, playbook: z.record(z.string(), z.unknown()) }),
    z.object({ ...version, playbookRef: claimRef }),
  ]),
});
