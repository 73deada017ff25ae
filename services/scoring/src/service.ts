import { z } from 'zod';
import {
  candidateErasureConfirmed,
  candidateErasureRequested,
  interviewSubmitted,
  playbookPublished,
  scoreComputed,
  scoreRevised,
  sessionSubmitted,
} from '@assay/events';
import { defineService } from '@assay/platform/manifest';

export const rubricVersion = z.object({
  playbookId: z.string(),
  version: z.string(),
  hash: z.string(),
  recordedAt: z.string(),
});

const sessionParams = z.object({
  id: z.string().regex(/^ses_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ses_… id'),
});

const scorecardView = z.object({
  sessionId: z.string(),
  assessmentId: z.string(),
  scorecardId: z.string(),
  revision: z.number().int().describe('0 when scored, +1 per review or re-score'),
  playbook: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  scorecard: z
    .record(z.string(), z.unknown())
    .describe('The scorecard as `assay score` prints it, with overrides applied'),
  overrides: z.record(
    z.string(),
    z.object({ score: z.number(), reason: z.string(), reviewer: z.string(), at: z.string() }),
  ),
  history: z.array(z.record(z.string(), z.unknown())).describe('Every revision, oldest first'),
  scoredAt: z.string(),
  updatedAt: z.string(),
});

const weights = z
  .strictObject({
    assessment: z.number().min(0).max(100),
    interview: z.number().min(0).max(100),
  })
  .refine((w) => w.assessment + w.interview === 100, {
    message: 'assessment and interview must sum to 100',
  });

const interviewResult = z.object({
  sessionId: z.string(),
  assessmentId: z.string(),
  interviewId: z.string(),
  interviewer: z.string(),
  reviewer: z.string(),
  ratings: z.record(z.string(), z.object({ rating: z.number(), notes: z.string() })),
  score: z.number(),
  aggregate: z.record(z.string(), z.unknown()),
  combined: z.object({
    weights: z.object({ assessment: z.number(), interview: z.number() }),
    assessment: z.number(),
    interview: z.number(),
    score: z.number(),
  }),
  submittedAt: z.string(),
});

export const scoringService = defineService({
  name: 'scoring',
  table: { name: 'scoring', indexes: [], ttlAttribute: 'ttl', outbox: true },
  handlers: { http: 'src/handlers/http.ts', events: 'src/handlers/events.ts' },
  routes: [
    {
      operationId: 'listRubricVersions',
      method: 'GET',
      path: '/v1/rubrics/{playbookId}/versions',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'Playbook versions the scoring service holds and can score with',
      params: z.object({ playbookId: z.string().min(1).max(64) }),
      response: { status: 200, body: z.object({ items: z.array(rubricVersion) }) },
    },
    {
      operationId: 'getScorecard',
      method: 'GET',
      path: '/v1/sessions/{id}/scorecard',
      auth: { kind: 'tenant', scope: 'read' },
      summary: "A session's current scorecard, its overrides and its revision history",
      params: sessionParams,
      response: { status: 200, body: scorecardView },
    },
    {
      operationId: 'reviewScore',
      method: 'POST',
      path: '/v1/sessions/{id}/reviews',
      auth: { kind: 'tenant', scope: 'write' },
      summary: "Override one item's score with a reason; totals are recomputed (score.revised)",
      params: sessionParams,
      body: z.strictObject({
        itemId: z.string().min(1).max(100),
        score: z.number().min(0).describe("0 to the item's maximum"),
        reason: z.string().trim().min(1).max(2000),
      }),
      response: { status: 200, body: scorecardView },
    },
    {
      operationId: 'rescoreSession',
      method: 'POST',
      path: '/v1/sessions/{id}/rescore',
      auth: { kind: 'tenant', scope: 'write' },
      summary:
        'Re-score the stored answers with a newer version of the same playbook; returns the per-item diff (score.revised)',
      params: sessionParams,
      body: z
        .strictObject({
          version: z
            .string()
            .regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.1.0')
            .optional()
            .describe('The newest version scoring holds when absent'),
        })
        .default({}),
      response: {
        status: 200,
        body: scorecardView.extend({
          diff: z.object({
            fromVersion: z.string(),
            toVersion: z.string(),
            total: z.object({ before: z.number(), after: z.number() }),
            band: z.object({ before: z.string(), after: z.string() }),
            items: z.array(
              z.object({
                itemId: z.string(),
                before: z.object({ score: z.number(), max: z.number() }).nullable(),
                after: z.object({ score: z.number(), max: z.number() }).nullable(),
                delta: z.number(),
              }),
            ),
            droppedAnswers: z.array(z.string()),
          }),
        }),
      },
    },
    {
      operationId: 'submitInterview',
      method: 'POST',
      path: '/v1/sessions/{id}/interviews',
      auth: { kind: 'tenant', scope: 'write' },
      summary:
        "One interviewer's 1–5 ratings with evidence notes on every guide question; aggregates interviewers and combines with the assessment (interview.submitted)",
      params: sessionParams,
      body: z.strictObject({
        interviewer: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore')
          .describe("The tenant's label for the interviewer; submitting again replaces theirs"),
        ratings: z.record(
          z.string().max(100),
          z.strictObject({
            rating: z.number().int().min(1).max(5),
            notes: z.string().trim().min(1).max(4000).describe('The evidence behind the rating'),
          }),
        ),
        weights: weights.optional().describe("Defaults to the playbook's `combined` (60/40)"),
      }),
      response: { status: 201, body: interviewResult },
    },
  ],
  publishes: [scoreComputed, scoreRevised, interviewSubmitted, candidateErasureConfirmed],
  subscribes: [
    { event: playbookPublished, handler: 'recordRubric' },
    { event: sessionSubmitted, handler: 'scoreSession' },
    { event: candidateErasureRequested, handler: 'eraseCandidate' },
  ],
});
