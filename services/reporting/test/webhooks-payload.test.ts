import { describe, expect, it } from 'vitest';
import { eventBody } from '../src/webhooks/payload';

describe('webhook bodies', () => {
  it('carry ids, times and links of session.submitted, never the form, keys or answers', () => {
    const body = eventBody(
      {
        eventId: '01JD3Y0Q8M6V2F7S9K1C4T5B8N',
        type: 'session.submitted',
        version: 1,
        occurredAt: '2026-11-23T10:00:00.000Z',
        tenantId: 't1',
        correlationId: 'c1',
        data: {
          sessionId: 'ses_1',
          assessmentId: 'asm_1',
          invitationId: 'inv_1',
          reason: 'candidate',
          submittedAt: '2026-11-23T10:00:00.000Z',
          signals: { focusLost: 2, pastes: 0, pastedChars: 0 },
          form: { seed: 's', itemIds: ['q1'], playbook: { items: [{ key: 'SECRET-ANSWER-KEY' }] } },
          answers: { q1: { text: 'candidate answer' } },
        },
      },
      'https://api.example',
    );
    expect(JSON.parse(body)).toEqual({
      type: 'session.submitted',
      timestamp: '2026-11-23T10:00:00.000Z',
      data: {
        sessionId: 'ses_1',
        assessmentId: 'asm_1',
        invitationId: 'inv_1',
        reason: 'candidate',
        submittedAt: '2026-11-23T10:00:00.000Z',
        links: {
          report: 'https://api.example/v1/reports/sessions/ses_1',
          scorecard: 'https://api.example/v1/sessions/ses_1/scorecard',
        },
      },
    });
    expect(body).not.toContain('SECRET-ANSWER-KEY');
    expect(body).not.toContain('candidate answer');
  });
});
