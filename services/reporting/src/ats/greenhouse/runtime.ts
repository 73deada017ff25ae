import { dynamoClient } from '@assay/platform';
import { apiBase, secretSealer, webhookClock, webhookMode, webhooks } from '../../webhooks/runtime';
import { assayApi } from './assay-api';
import { GreenhousePartner } from './partner';
import { GreenhouseStore } from './store';

let instance: GreenhousePartner | undefined;

/** Shared by the HTTP and event handlers of this process; built on first use. */
export function greenhouse(): GreenhousePartner {
  if (instance) return instance;
  return (instance = new GreenhousePartner({
    store: new GreenhouseStore(dynamoClient()),
    sealer: secretSealer(),
    api: assayApi(apiBase),
    webhooks,
    mode: webhookMode(),
    apiBase,
    now: webhookClock,
  }));
}
