import type { DeliveryTarget } from '../../webhooks/deliveries';
import type { SecretSealer } from '../../webhooks/secret-sealer';
import { sealContext } from './partner';
import type { GreenhouseStore } from './store';

/**
 * The completion PATCH as a webhook delivery target: Greenhouse's `url` from send_test, with
 * the partner key it presented as the Basic user name. Resolved at each attempt, so a deleted
 * interview stops its retries.
 */
export function greenhouseTarget(
  store: () => GreenhouseStore,
  sealer: () => SecretSealer,
): DeliveryTarget {
  return async (tenantId, delivery) => {
    const ref = delivery.target?.ref;
    const interview = ref ? await store().interview(tenantId, ref) : undefined;
    if (!interview) return undefined;
    const key = await sealer().open(
      interview.sealedKey,
      sealContext(tenantId, interview.partnerInterviewId, 'key'),
    );
    return {
      url: interview.completionUrl,
      method: 'PATCH',
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
    };
  };
}
