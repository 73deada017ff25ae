import { HttpProblem } from '@assay/platform';

/**
 * Assay's own public API, called with the tenant key Greenhouse presented. Assessments and
 * invitations are the session service's data: going through its API keeps its validation,
 * outbox events and tenant checks in one place, and reporting never touches its table.
 */
export interface AssayApi {
  assessments(key: string): Promise<{ id: string; title: string }[]>;
  invite(
    key: string,
    assessmentId: string,
    candidate: { name: string; email: string; externalId?: string },
  ): Promise<{ id: string; link: string }>;
}

export function assayApi(base: () => string, fetcher: typeof fetch = fetch): AssayApi {
  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const res = await fetcher(`${base()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(8000),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status}`);
    if (res.status >= 400) {
      // The session service's own 4xx (unknown assessment, missing scope…) passes through.
      throw new HttpProblem(
        res.status,
        String(json.type ?? 'upstream')
          .split('/')
          .pop() ?? 'upstream',
        String(json.title ?? 'Request refused'),
        String(json.detail ?? `${method} ${path} answered ${res.status}`),
      );
    }
    return json;
  };
  return {
    async assessments(key) {
      const out: { id: string; title: string }[] = [];
      let cursor: string | null = null;
      do {
        const page = (await call(
          key,
          'GET',
          `/v1/assessments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )) as { items: { id: string; title: string }[]; nextCursor: string | null };
        out.push(...page.items.map(({ id, title }) => ({ id, title })));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    async invite(key, assessmentId, candidate) {
      const inv = (await call(key, 'POST', `/v1/assessments/${assessmentId}/invitations`, {
        candidate,
      })) as { id: string; link: string };
      return { id: inv.id, link: inv.link };
    },
  };
}
