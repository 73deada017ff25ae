import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { startLocalStack, type LocalStack } from '@assay/local';

/**
 * A local stack of this test file's own (on the shared DynamoDB Local) with one Medical Billing
 * assessment of the demo tenant, and a caller that speaks to it over real HTTP.
 */
export function useSessionOverHttp(stagePrefix: string) {
  let stack: LocalStack | undefined;
  let assessmentId = '';

  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, stack!.url), {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    stack = await startLocalStack({
      dynamoEndpoint: inject('dynamoEndpoint'),
      stage: `${stagePrefix}${randomBytes(4).toString('hex')}`,
      port: 0,
    });
    const created = await call(stack.demo.apiKey, 'POST', '/v1/assessments', {
      playbook: { id: 'medical-billing-specialist' },
    });
    expect(created.status).toBe(201);
    assessmentId = created.json.id as string;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Invites a candidate and starts the session, as the page's start button does. */
  async function startSession() {
    const inv = await call(
      stack!.demo.apiKey,
      'POST',
      `/v1/assessments/${assessmentId}/invitations`,
      {
        candidate: { name: 'Ana Lima', email: 'ana@example.com' },
      },
    );
    const token = inv.json.token as string;
    const started = await call(token, 'POST', `/v1/take/${token}/start`);
    return { invitationId: inv.json.id as string, token, session: started.json };
  }

  return {
    call,
    startSession,
    get demo() {
      return stack!.demo;
    },
  };
}
