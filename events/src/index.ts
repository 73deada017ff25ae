import {
  candidateErasureConfirmed,
  candidateErasureRequested,
  ERASURE_SERVICES,
  retainUntil,
  type ErasureService,
} from './definitions/candidate-erasure';
import { interviewSubmitted } from './definitions/interview-submitted';
import { playbookPublished } from './definitions/playbook-published';
import { scoreComputed } from './definitions/score-computed';
import { scoreRevised } from './definitions/score-revised';
import { sessionDeadlineReached } from './definitions/session-deadline-reached';
import { sessionStarted } from './definitions/session-started';
import { sessionSubmitted } from './definitions/session-submitted';
import type { EventDefinition } from './define-event';

export * from './define-event';
export * from './envelope';
export {
  playbookPublished,
  sessionStarted,
  sessionSubmitted,
  sessionDeadlineReached,
  scoreComputed,
  scoreRevised,
  interviewSubmitted,
  candidateErasureRequested,
  candidateErasureConfirmed,
  ERASURE_SERVICES,
  retainUntil,
  type ErasureService,
};

/** Every event contract, in catalog order. */
export const allEvents: readonly EventDefinition[] = [
  playbookPublished,
  sessionStarted,
  sessionSubmitted,
  sessionDeadlineReached,
  scoreComputed,
  scoreRevised,
  interviewSubmitted,
  candidateErasureRequested,
  candidateErasureConfirmed,
];
export * from './catalog';
