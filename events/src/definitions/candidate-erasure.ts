import { z } from 'zod';
import { defineEvent } from '../define-event';

/**
 * The services that hold a candidate's personal data, each of which must confirm an erasure.
 * A test in tests/e2e/privacy.test.ts checks this equals the services whose manifests
 * subscribe to `candidate.erasure-requested`.
 */
export const ERASURE_SERVICES = ['session', 'scoring', 'reporting'] as const;
export type ErasureService = (typeof ERASURE_SERVICES)[number];

/** When a record's personal data expires under the tenant's retention; stores set TTL from it. */
export const retainUntil = z.iso
  .datetime()
  .optional()
  .describe("End of the tenant's retention for this candidate's data (items expire then)");

export const candidateErasureRequested = defineEvent({
  type: 'candidate.erasure-requested',
  version: 1,
  source: 'assay.session',
  description:
    "A tenant asked to erase a candidate's personal data. Names only ids (never the email or external id the request matched): every service holding data about those sessions erases it and confirms.",
  data: z.object({
    erasureId: z.string().regex(/^era_[0-9A-HJKMNP-TV-Z]{26}$/),
    invitationIds: z.array(z.string().min(1)),
    sessionIds: z.array(z.string().min(1)),
    requestedAt: z.iso.datetime(),
  }),
});

export const candidateErasureConfirmed = defineEvent({
  type: 'candidate.erasure-confirmed',
  version: 1,
  source: 'assay.privacy',
  description:
    'One service finished erasing what it held for an erasure request (published by each service named in `service`; redelivery of the request confirms again with zero counts).',
  data: z.object({
    erasureId: z.string().regex(/^era_[0-9A-HJKMNP-TV-Z]{26}$/),
    service: z.enum(ERASURE_SERVICES),
    erasedAt: z.iso.datetime(),
    counts: z
      .record(z.string(), z.number().int().min(0))
      .describe('Items erased or scrubbed, by kind'),
  }),
});
