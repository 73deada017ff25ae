import { playbookPublished } from './definitions/playbook-published';
import { sessionDeadlineReached } from './definitions/session-deadline-reached';
import { sessionStarted } from './definitions/session-started';
import { sessionSubmitted } from './definitions/session-submitted';
import type { EventDefinition } from './define-event';

export * from './define-event';
export * from './envelope';
export { playbookPublished, sessionStarted, sessionSubmitted, sessionDeadlineReached };

/** Every event contract, in catalog order. */
export const allEvents: readonly EventDefinition[] = [
  playbookPublished,
  sessionStarted,
  sessionSubmitted,
  sessionDeadlineReached,
];
export * from './catalog';
