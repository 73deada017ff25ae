// A small client for the Assay HTTP API, used by the demo, the load generator and the fault
// scripts: one keep-alive fetch per call, problems surfaced as errors naming the route.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly route: string,
    readonly problem: unknown,
  ) {
    const { detail, title } = (problem as { detail?: string; title?: string } | undefined) ?? {};
    super(`${route} answered ${status}${detail || title ? `: ${detail ?? title}` : ''}`);
  }
}

export interface ApiCall {
  status: number;
  body: unknown;
  /** Milliseconds from sending the request to reading the whole response. */
  ms: number;
}

/** One request; throws ApiError unless the status is one of `ok` (2xx by default). */
export async function call(
  baseUrl: string,
  bearer: string,
  method: string,
  path: string,
  body?: unknown,
  ok: (status: number) => boolean = (s) => s >= 200 && s < 300,
): Promise<ApiCall> {
  const started = performance.now();
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!ok(res.status)) throw new ApiError(res.status, `${method} ${path}`, parsed);
  return { status: res.status, body: parsed, ms };
}

export interface Invitation {
  id: string;
  token: string;
  link: string;
}

/** What a tenant's integration does: assessments, invitations, webhooks, reports. */
export function tenantApi(baseUrl: string, apiKey: string) {
  const send = (method: string, path: string, body?: unknown) =>
    call(baseUrl, apiKey, method, path, body).then((r) => r.body as Record<string, unknown>);
  return {
    send,
    createAssessment: (playbookId: string, extra: Record<string, unknown> = {}) =>
      send('POST', '/v1/assessments', { playbook: { id: playbookId }, ...extra }) as Promise<{
        id: string;
        itemCount: number;
      }>,
    invite: (
      assessmentId: string,
      candidate: { name: string; email: string; externalId?: string },
    ) =>
      send('POST', `/v1/assessments/${assessmentId}/invitations`, {
        candidate,
      }) as Promise<unknown> as Promise<Invitation>,
    registerWebhook: (url: string, types: string[], description?: string) =>
      send('POST', '/v1/webhooks/endpoints', { url, types, description }) as Promise<{
        endpointId: string;
        secret: string;
      }>,
  };
}
