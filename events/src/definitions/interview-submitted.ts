import { z } from 'zod';
import { defineEvent } from '../define-event';
import { retainUntil } from './candidate-erasure';

const rating = z.object({ rating: z.number().int().min(1).max(5), notes: z.string().min(1) });

export const interviewSubmitted = defineEvent({
  type: 'interview.submitted',
  version: 1,
  source: 'assay.scoring',
  description:
    "An interviewer's structured-interview ratings for a session, with the aggregate over every interviewer so far (mean per question, disagreement flags) and the combined hiring score.",
  data: z.object({
    sessionId: z.string().min(1),
    assessmentId: z.string().min(1),
    interviewId: z.string().min(1),
    interviewer: z.string().min(1).describe("The tenant's label for the interviewer"),
    reviewer: z.string().min(1).describe('The API key id that recorded it'),
    ratings: z.record(z.string(), rating),
    score: z.number().min(0).max(100),
    aggregate: z.object({
      interviewers: z.number().int().min(1),
      score: z.number().min(0).max(100),
      questions: z.record(
        z.string(),
        z.object({ mean: z.number(), min: z.number(), max: z.number(), disagreement: z.boolean() }),
      ),
      disagreement: z.boolean(),
    }),
    combined: z.object({
      weights: z.object({ assessment: z.number(), interview: z.number() }),
      assessment: z.number(),
      interview: z.number(),
      score: z.number(),
    }),
    submittedAt: z.iso.datetime(),
    retainUntil,
  }),
});
