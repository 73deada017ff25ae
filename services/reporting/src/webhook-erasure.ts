import type { WebhookStore } from './webhook-store';

/** What an erased receiver response reads as. */
export const ERASED_RESPONSE = '[erased]';
const PAGE = 100;
const ATTEMPTS = 5;

/**
 * Scrubs the receivers' responses (which may echo the candidate) from the tenant's webhook
 * deliveries about any of `ids` (session or invitation ids, as the bodies name them). Bodies
 * carry ids only (webhooks/payload.ts) and stay, so a delivery can still be replayed. Works
 * through the store's own reads and versioned writes; returns the deliveries scrubbed.
 */
export async function eraseWebhookDeliveries(
  store: WebhookStore,
  tenantId: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const quoted = ids.map((id) => `"${id}"`);
  let scrubbed = 0;
  let cursor: string | undefined;
  do {
    const page = await store.deliveries(tenantId, PAGE, cursor);
    for (const listed of page.items) {
      if (!quoted.some((q) => listed.body.includes(q))) continue;
      for (let attempt = 0; ; attempt++) {
        const delivery = await store.delivery(tenantId, listed.deliveryId);
        if (!delivery || delivery.history.every((a) => a.response === ERASED_RESPONSE)) break;
        try {
          await store.putDelivery(
            tenantId,
            {
              ...delivery,
              history: delivery.history.map((a) => ({ ...a, response: ERASED_RESPONSE })),
              version: delivery.version + 1,
            },
            delivery.version,
          );
          scrubbed += 1;
          break;
        } catch (err) {
          // An attempt was recorded meanwhile: scrub the newer version.
          if ((err as Error).name === 'ConditionalCheckFailedException' && attempt < ATTEMPTS)
            continue;
          throw err;
        }
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return scrubbed;
}
