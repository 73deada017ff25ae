import { playbookPublished } from './definitions/playbook-published';
import type { EventDefinition } from './define-event';

export * from './define-event';
export * from './envelope';
export { playbookPublished };

/** Every event contract, in catalog order. */
export const allEvents: readonly EventDefinition[] = [playbookPublished];
export * from './catalog';
