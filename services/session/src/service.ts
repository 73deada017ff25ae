import { z } from 'zod';
import {
  candidateErasureConfirmed,
  candidateErasureRequested,
  playbookPublished,
  sessionDeadlineReached,
  sessionStarted,
  sessionSubmitted,
} from '@assay/events';
import { defineService } from '@assay/platform/manifest';
import { MAX_RETENTION_MONTHS } from '@assay/platform/tables';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lowercase letters, digits and dashes');
const semver = z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0');
const resourceId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `must be a ${prefix}_… id`);
const page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().optional(),
});

export const createAssessmentBody = z.strictObject({
  playbook: z.strictObject({
    id: slug,
    version: semver.optional().describe('Newest known version when absent'),
  }),
  title: z.string().trim().min(1).max(200).optional(),
  timeLimitMinutes: z
    .number()
    .min(0.1)
    .max(480)
    .optional()
    .describe("Defaults to the playbook's (30 for the library); fractions allowed"),
  sampling: z
    .record(z.string(), z.number())
    .optional()
    .describe('Items to draw per section id; other sections contribute every item'),
});

export const assessment = z.object({
  id: z.string(),
  title: z.string(),
  playbook: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  timeLimitMinutes: z.number(),
  sampling: z.record(z.string(), z.number()),
  itemCount: z.number().int(),
  createdAt: z.string(),
});

export const createInvitationBody = z.strictObject({
  candidate: z.strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    externalId: z.string().min(1).max(200).optional(),
  }),
  expiresAt: z.iso.datetime().optional().describe('Defaults to 14 days from now; at most 90'),
  extraTimePercent: z
    .number()
    .int()
    .min(0)
    .max(200)
    .default(0)
    .describe('Accommodation; applied to the deadline, never shown to reviewers'),
});

export const invitation = z.object({
  id: z.string(),
  assessmentId: z.string(),
  candidate: z.object({ name: z.string(), email: z.string(), externalId: z.string().optional() }),
  expiresAt: z.string(),
  extraTimePercent: z.number(),
  status: z.enum(['invited', 'started', 'submitted', 'revoked']),
  sessionId: z.string().nullable(),
  createdAt: z.string(),
  retainUntil: z
    .string()
    .optional()
    .describe("When the candidate's data expires under the tenant's retention"),
  erasedAt: z.string().optional().describe('Set once the candidate was erased (fields blanked)'),
});

const candidateSession = z.object({
  id: z.string(),
  status: z.enum(['in-progress', 'submitted']),
  startedAt: z.string(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  reason: z.enum(['candidate', 'time-expired']).nullable(),
  form: z.record(z.string(), z.unknown()).describe('The candidate view: never keys or rubrics'),
  answers: z.record(z.string(), z.object({ answer: z.unknown(), seq: z.number() })),
});

const take = z.object({
  candidateName: z.string(),
  assessment: z.object({
    title: z.string(),
    timeLimitMinutes: z.number().describe('Including any extra time'),
    sections: z.array(z.object({ id: z.string(), title: z.string(), items: z.number() })),
    itemCount: z.number(),
  }),
  serverTime: z.string(),
  session: candidateSession.nullable(),
});

export const signal = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('focus-lost'), at: z.iso.datetime() }),
  z.strictObject({ kind: z.literal('focus-regained'), at: z.iso.datetime() }),
  z.strictObject({
    kind: z.literal('paste'),
    at: z.iso.datetime(),
    itemId: z.string().max(100),
    chars: z.number().int().min(0).max(1_000_000),
  }),
  z.strictObject({
    kind: z.literal('item-time'),
    at: z.iso.datetime(),
    itemId: z.string().max(100),
    ms: z.number().int().min(0).max(86_400_000),
  }),
]);

const submitResult = z.object({
  sessionId: z.string(),
  status: z.literal('submitted'),
  reason: z.enum(['candidate', 'time-expired']),
  submittedAt: z.string(),
  answered: z.number().int(),
});

const sessionParams = z.object({ id: resourceId('ses') });

const answerItemId = z.string().min(1).max(100);
const answerBody = z.strictObject({
  seq: z.number().int().min(0).describe('Client sequence number, increasing per item'),
  answer: z.record(z.string(), z.union([z.string().max(20_000), z.number()])),
});
const savedAnswer = z.object({
  itemId: z.string(),
  seq: z.number().describe('The sequence number now stored'),
  applied: z.boolean().describe('False when a newer (or the same) write was already stored'),
});

const reviewerSession = z.object({
  id: z.string(),
  invitationId: z.string(),
  assessmentId: z.string(),
  playbook: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  status: z.enum(['in-progress', 'submitted', 'revoked']),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  reason: z.enum(['candidate', 'time-expired']).nullable(),
  itemIds: z.array(z.string()).describe('The drawn items, in form order'),
  answered: z.number().int(),
  answers: z.record(
    z.string(),
    z.object({ answer: z.unknown(), seq: z.number(), savedAt: z.string() }),
  ),
  signals: z
    .object({
      focusLost: z.number().int(),
      pastes: z.number().int(),
      pastedChars: z.number().int(),
      events: z.array(z.record(z.string(), z.unknown())),
    })
    .describe('Advisory integrity signals; never part of the score'),
  erasedAt: z.string().nullable().describe('Set once the candidate was erased: no answers remain'),
});

const serviceStatus = z.enum(['pending', 'complete']);
const erasure = z.object({
  erasureId: z.string(),
  status: serviceStatus.describe('`complete` once every service holding data confirmed'),
  requestedAt: z.string(),
  completedAt: z.string().nullable(),
  invitationIds: z.array(z.string()),
  sessionIds: z.array(z.string()),
  services: z.array(
    z.object({
      service: z.string(),
      status: serviceStatus,
      erasedAt: z.string().nullable(),
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
});

const retention = z.object({
  retentionMonths: z
    .number()
    .int()
    .min(1)
    .max(MAX_RETENTION_MONTHS)
    .describe("How long candidates' personal data is kept after their invitation (default 24)"),
});

export const sessionService = defineService({
  name: 'session',
  table: {
    name: 'session',
    // Invitations listed per assessment.
    indexes: [{ name: 'byParent', partitionKey: 'gpk', sortKey: 'gsk' }],
    ttlAttribute: 'ttl',
    outbox: true,
  },
  // Answer autosaves, apart from the session table so its stream (the outbox's) never carries them.
  extraTables: [{ name: 'answers', indexes: [], ttlAttribute: 'ttl', outbox: false }],
  handlers: { http: 'src/handlers/http.ts', events: 'src/handlers/events.ts' },
  uses: { candidateTokens: true, schedules: 'put-events' },
  routes: [
    {
      operationId: 'createAssessment',
      method: 'POST',
      path: '/v1/assessments',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'Create an assessment from a published playbook version',
      body: createAssessmentBody,
      response: { status: 201, body: assessment },
    },
    {
      operationId: 'listAssessments',
      method: 'GET',
      path: '/v1/assessments',
      auth: { kind: 'tenant', scope: 'read' },
      summary: "List the tenant's assessments",
      query: page,
      response: {
        status: 200,
        body: z.object({ items: z.array(assessment), nextCursor: z.string().nullable() }),
      },
    },
    {
      operationId: 'getAssessment',
      method: 'GET',
      path: '/v1/assessments/{id}',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'Read an assessment',
      params: z.object({ id: resourceId('asm') }),
      response: { status: 200, body: assessment },
    },
    {
      operationId: 'createInvitation',
      method: 'POST',
      path: '/v1/assessments/{id}/invitations',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'Invite a candidate: returns the link and its single-purpose token (shown once)',
      params: z.object({ id: resourceId('asm') }),
      body: createInvitationBody,
      response: {
        status: 201,
        body: invitation.extend({ link: z.string(), token: z.string() }),
      },
    },
    {
      operationId: 'listInvitations',
      method: 'GET',
      path: '/v1/assessments/{id}/invitations',
      auth: { kind: 'tenant', scope: 'read' },
      summary: "List an assessment's invitations",
      params: z.object({ id: resourceId('asm') }),
      query: page,
      response: {
        status: 200,
        body: z.object({ items: z.array(invitation), nextCursor: z.string().nullable() }),
      },
    },
    {
      operationId: 'revokeInvitation',
      method: 'DELETE',
      path: '/v1/invitations/{id}',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'Revoke an invitation: its link stops working, a session in progress ends unscored',
      params: z.object({ id: resourceId('inv') }),
      response: { status: 200, body: invitation },
    },
    {
      operationId: 'getTake',
      method: 'GET',
      path: '/v1/take/{token}',
      auth: { kind: 'candidate' },
      summary: "The candidate's assessment: instructions, and once started the form and answers",
      params: z.object({ token: z.string() }),
      response: { status: 200, body: take },
    },
    {
      operationId: 'startTake',
      method: 'POST',
      path: '/v1/take/{token}/start',
      auth: { kind: 'candidate' },
      summary: 'Start the session (or resume it: one session per invitation)',
      params: z.object({ token: z.string() }),
      response: { status: 201, body: candidateSession },
    },
    {
      operationId: 'saveAnswer',
      method: 'PUT',
      path: '/v1/sessions/{id}/answers/{itemId}',
      auth: { kind: 'candidate' },
      summary: 'Autosave one answer; a write with an older sequence number never wins',
      params: sessionParams.extend({ itemId: answerItemId }),
      body: answerBody,
      response: { status: 200, body: savedAnswer },
    },
    {
      operationId: 'recordSignals',
      method: 'POST',
      path: '/v1/sessions/{id}/signals',
      auth: { kind: 'candidate' },
      summary: 'Record advisory integrity signals (focus lost, pastes, time per item)',
      params: sessionParams,
      body: z.strictObject({ signals: z.array(signal).min(1).max(100) }),
      response: { status: 202, body: z.object({ recorded: z.number().int() }) },
    },
    {
      operationId: 'syncSession',
      method: 'POST',
      path: '/v1/sessions/{id}/sync',
      auth: { kind: 'candidate' },
      summary:
        'Autosave many answers and record signals in one request; each answer as `saveAnswer` does it',
      params: sessionParams,
      body: z.strictObject({
        answers: z
          .array(z.strictObject({ itemId: answerItemId, ...answerBody.shape }))
          .max(100)
          .optional()
          .describe('At most one per item; every answer is checked before any is written'),
        signals: z
          .array(signal)
          .max(100)
          .optional()
          .describe('A retried request records them once'),
      }),
      response: {
        status: 200,
        body: z.object({
          answers: z.array(savedAnswer),
          signalsRecorded: z.number().int(),
        }),
      },
    },
    {
      operationId: 'submitSession',
      method: 'POST',
      path: '/v1/sessions/{id}/submit',
      auth: { kind: 'candidate' },
      summary: 'Submit the session; submitting again returns the same result',
      params: sessionParams,
      response: { status: 200, body: submitResult },
    },
    {
      operationId: 'getSession',
      method: 'GET',
      path: '/v1/sessions/{id}',
      auth: { kind: 'tenant', scope: 'read' },
      summary:
        "A session as a reviewer sees it: status, times, answers and integrity signals (never the candidate's accommodation)",
      params: sessionParams,
      response: { status: 200, body: reviewerSession },
    },
    {
      operationId: 'eraseCandidate',
      method: 'DELETE',
      path: '/v1/candidates/{candidate}',
      auth: { kind: 'tenant', scope: 'write' },
      summary:
        "Erase a candidate's personal data in every service, found by email (any case) or external id; follow `Location` to the erasure's progress",
      params: z.object({
        candidate: z.string().trim().min(1).max(320).describe('Email or external id'),
      }),
      response: { status: 202, body: erasure },
    },
    {
      operationId: 'getErasure',
      method: 'GET',
      path: '/v1/erasures/{id}',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'An erasure request and which services have confirmed it',
      params: z.object({ id: resourceId('era') }),
      response: { status: 200, body: erasure },
    },
    {
      operationId: 'getRetention',
      method: 'GET',
      path: '/v1/settings/retention',
      auth: { kind: 'tenant', scope: 'read' },
      summary: "How long candidates' personal data is kept",
      response: { status: 200, body: retention },
    },
    {
      operationId: 'putRetention',
      method: 'PUT',
      path: '/v1/settings/retention',
      auth: { kind: 'tenant', scope: 'admin' },
      summary: 'Change the retention; applies to candidates invited from then on',
      body: z.strictObject({ retentionMonths: retention.shape.retentionMonths }),
      response: { status: 200, body: retention },
    },
  ],
  publishes: [
    sessionStarted,
    sessionSubmitted,
    sessionDeadlineReached,
    candidateErasureRequested,
    candidateErasureConfirmed,
  ],
  subscribes: [
    { event: playbookPublished, handler: 'recordPlaybook' },
    { event: sessionStarted, handler: 'scheduleDeadline' },
    { event: sessionDeadlineReached, handler: 'expireSession' },
    { event: candidateErasureRequested, handler: 'eraseCandidate' },
    { event: candidateErasureConfirmed, handler: 'recordErasureConfirmation' },
  ],
});
