import type { z } from 'zod';

/** One failing field of a request, for validation problems. */
export interface FieldError {
  /** Where the field lives: `body`, `query`, `path` or `header`, then a JSON pointer. */
  pointer: string;
  message: string;
}

/**
 * An RFC 9457 problem. Thrown anywhere below a handler, it becomes an `application/problem+json`
 * response; `type` is a stable URI clients can branch on.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  get type(): string {
    return `https://assay.dev/problems/${this.slug}`;
  }

  toJSON(instance?: string): Record<string, unknown> {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const problems = {
  malformedJson: (message: string) =>
    new HttpProblem(
      400,
      'malformed-json',
      'Malformed JSON',
      `The request body is not valid JSON: ${message}`,
    ),
  validation: (location: string, error: z.ZodError) => {
    const errors = error.issues.map((issue) => ({
      pointer: `${location}${issue.path.length ? '/' + issue.path.map(escapePointer).join('/') : ''}`,
      message: issue.message,
    }));
    const fields = errors.map((e) => e.pointer).join(', ');
    return new HttpProblem(
      422,
      'validation',
      'Invalid request',
      `Invalid fields: ${fields}`,
      errors,
    );
  },
  unauthorized: (detail: string) =>
    new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, undefined, {
      'www-authenticate': 'Bearer',
    }),
  forbidden: (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail),
  notFound: (what: string) =>
    new HttpProblem(404, 'not-found', 'Not found', `${what} was not found`),
  routeNotFound: (method: string, path: string) =>
    new HttpProblem(404, 'route-not-found', 'No such route', `There is no route ${method} ${path}`),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new HttpProblem(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${method} is not allowed on ${path}`,
      undefined,
      {
        allow: allowed.join(', '),
      },
    ),
  conflict: (detail: string) => new HttpProblem(409, 'conflict', 'Conflict', detail),
  tooLarge: (limit: number) =>
    new HttpProblem(
      413,
      'payload-too-large',
      'Payload too large',
      `The request body exceeds ${limit} bytes`,
    ),
  unsupportedMediaType: (got: string) =>
    new HttpProblem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      `Send the body as application/json (got ${got})`,
    ),
  /** A dependency (DynamoDB) is unreachable or shedding load: not the client's fault, retry. */
  unavailable: (retryAfterSeconds: number) =>
    new HttpProblem(
      503,
      'unavailable',
      'Service unavailable',
      'The service cannot reach its storage right now; retry shortly',
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    ),
  internal: () =>
    new HttpProblem(
      500,
      'internal',
      'Internal error',
      'Something went wrong on our side; it has been logged',
    ),
};

function escapePointer(segment: PropertyKey): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}
