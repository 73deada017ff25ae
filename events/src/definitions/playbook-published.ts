import { z } from 'zod';
import { defineEvent } from '../define-event';

export const playbookPublished = defineEvent({
  type: 'playbook.published',
  version: 1,
  source: 'assay.content',
  description:
    'A tenant published an immutable playbook version. Carries the whole version so scoring can score with exactly what a session pinned.',
  data: z.object({
    playbookId: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be semver'),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    title: z.string().min(1),
    publishedAt: z.iso.datetime(),
    playbook: z.record(z.string(), z.unknown()),
  }),
});
