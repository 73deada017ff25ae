/** A thin fetch wrapper for tests that talk to the local stack over real HTTP. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  json: T;
  text: string;
}

export function apiClient(baseUrl: string, apiKey?: string) {
  async function request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    init: { headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (apiKey) headers.authorization ??= `Bearer ${apiKey}`;
    const payload = init.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(new URL(path, baseUrl), { method, headers, body: payload });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json: json as T, text };
  }
  return {
    get: <T = Record<string, unknown>>(path: string, init?: { headers?: Record<string, string> }) =>
      request<T>('GET', path, undefined, init),
    post: <T = Record<string, unknown>>(
      path: string,
      body?: unknown,
      init?: { headers?: Record<string, string>; rawBody?: string },
    ) => request<T>('POST', path, body, init),
    request,
  };
}
