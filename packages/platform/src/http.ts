import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { z } from 'zod';
import type { CandidatePrincipal } from './candidate-tokens';
import { CandidateTokens } from './candidate-tokens';
import { dynamoClient } from './dynamo';
import { createLogger } from './logger';
import type { RouteDefinition, ServiceManifest } from './manifest';
import { HttpProblem, problems } from './problem';
import { rateLimited, rateLimiterFromEnv, type TokenBucketLimiter } from './rate-limit';
import type { Principal } from './tenant-registry';
import { TenantRegistry, scopeAllows } from './tenant-registry';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What an operation receives: parsed, validated input and who is calling. */
export interface OperationRequest<R extends RouteDefinition = RouteDefinition> {
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  /** The tenant every read and write of this request is confined to. */
  tenantId: R['auth'] extends { kind: 'public' } ? undefined : string;
  principal: R['auth'] extends { kind: 'public' } ? undefined : Principal | CandidatePrincipal;
  headers: Record<string, string | undefined>;
  correlationId: string;
  logger: Logger;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type RouteById<M extends ServiceManifest, K> = Extract<M['routes'][number], { operationId: K }>;

/** One function per route of the manifest; a missing or extra operation is a type error. */
export type Operations<M extends ServiceManifest> = {
  [K in M['routes'][number]['operationId']]: (
    req: OperationRequest<RouteById<M, K>>,
  ) => Promise<HttpResult>;
};

export interface HttpHandlerOptions {
  /** Largest accepted request body; API Gateway allows 10 MB, the API far less. */
  maxBodyBytes?: number;
  registry?: () => TenantRegistry;
  candidateTokens?: () => CandidateTokens;
  /**
   * Per-caller token bucket applied after authentication (a tenant, or one candidate token);
   * `false` turns it off. Read from `ASSAY_RATE_LIMIT_RPS` / `ASSAY_RATE_LIMIT_BURST` on first use.
   */
  rateLimiter?: TokenBucketLimiter | false;
}

export type HttpLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const DEFAULT_MAX_BODY = 256 * 1024;
const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The Lambda entry point of a service's HTTP API: routes by API Gateway's `routeKey`, then
 * authenticates, parses and validates, calls the plain operation and maps the result or any
 * thrown problem to a response. Storage outages are answered 503 with Retry-After; other
 * unexpected errors are logged and answered with a bare 500.
 */
export function httpHandler<M extends ServiceManifest>(
  manifest: M,
  operations: Operations<M>,
  options: HttpHandlerOptions = {},
): HttpLambda {
  const logger = createLogger(manifest.name);
  const routes = new Map(manifest.routes.map((r) => [`${r.method} ${r.path}`, r]));
  const registry = once(options.registry ?? (() => new TenantRegistry(dynamoClient())));
  const tokens = once(options.candidateTokens ?? (() => new CandidateTokens(dynamoClient())));
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let limiterRead = false;
  let bucketLimiter: TokenBucketLimiter | undefined;
  const limiter = (): TokenBucketLimiter | undefined => {
    if (!limiterRead) {
      bucketLimiter =
        options.rateLimiter === undefined ? rateLimiterFromEnv() : options.rateLimiter || undefined;
      limiterRead = true;
    }
    return bucketLimiter;
  };
  const ops = operations as unknown as Record<
    string,
    (req: OperationRequest) => Promise<HttpResult>
  >;

  const run = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const headers = lowerCaseHeaders(event.headers);
    const presented = headers['x-correlation-id'];
    const correlationId =
      presented && CORRELATION.test(presented) ? presented : event.requestContext.requestId;
    const started = performance.now();
    const route = routes.get(event.routeKey);
    let response: APIGatewayProxyStructuredResultV2;
    let tenantId: string | undefined;
    try {
      if (!route) throw problems.routeNotFound(event.requestContext.http.method, event.rawPath);
      const principal = await authenticate(route, headers, event.pathParameters ?? {});
      tenantId = principal?.tenantId;
      if (principal) limit(principal);
      const request: OperationRequest = {
        params: parse(route.params, event.pathParameters ?? {}, 'path'),
        query: parse(route.query, event.queryStringParameters ?? {}, 'query'),
        body: route.body
          ? parse(route.body, readJsonBody(event, headers, maxBody), 'body')
          : undefined,
        tenantId,
        principal,
        headers,
        correlationId,
        logger,
      } as OperationRequest;
      const result = await ops[route.operationId]!(request);
      response = toResponse(result);
    } catch (err) {
      response = problemResponse(err, event.rawPath, logger, correlationId);
    }
    response.headers = { ...response.headers, 'x-correlation-id': correlationId };
    logger.info('request', {
      correlationId,
      routeKey: event.routeKey,
      status: response.statusCode,
      tenantId,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };

  async function authenticate(
    route: RouteDefinition,
    headers: Record<string, string | undefined>,
    pathParameters: Record<string, string | undefined>,
  ): Promise<Principal | CandidatePrincipal | undefined> {
    if (route.auth.kind === 'public') return undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (route.auth.kind === 'candidate') {
      const token = pathParameters.token ?? bearer;
      const principal = token ? await tokens().resolve(token) : undefined;
      if (!principal) throw problems.unauthorized('The candidate link is invalid or has expired');
      return principal;
    }
    const apiKey = presentedApiKey(headers.authorization);
    if (!apiKey) throw problems.unauthorized('Send your API key as "Authorization: Bearer ak_…"');
    const principal = await registry().resolveApiKey(apiKey);
    if (!principal) throw problems.unauthorized('The API key is unknown or has been revoked');
    if (!scopeAllows(principal.scopes, route.auth.scope)) {
      throw problems.forbidden(`This route needs a key with the "${route.auth.scope}" scope`);
    }
    return principal;
  }

  function limit(principal: Principal | CandidatePrincipal): void {
    const bucket = limiter();
    if (!bucket) return;
    const key =
      principal.kind === 'candidate'
        ? `c#${principal.tenantId}#${principal.invitationId}`
        : `t#${principal.tenantId}`;
    const decision = bucket.take(key);
    if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
  }

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().handler(
    run,
  ) as unknown as HttpLambda;
}

/**
 * The API key an `Authorization` header presents: `Bearer <key>`, or — for partner integrations
 * that only speak HTTP Basic (Greenhouse) — the Basic user name (the password is ignored).
 */
export function presentedApiKey(header: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (bearer) return bearer;
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return (colon === -1 ? decoded : decoded.slice(0, colon)) || undefined;
}

function parse(
  schema: z.ZodType | undefined,
  input: unknown,
  location: 'path' | 'query' | 'body',
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (!result.success)
    throw problems.validation(location === 'body' ? 'body' : location, result.error);
  return result.data;
}

function readJsonBody(
  event: APIGatewayProxyEventV2,
  headers: Record<string, string | undefined>,
  max: number,
): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  if (Buffer.byteLength(raw, 'utf8') > max) throw problems.tooLarge(max);
  const type = headers['content-type'] ?? '';
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type))
    throw problems.unsupportedMediaType(type);
  try {
    return JSON.parse(raw, refusePrototypeKeys);
  } catch (err) {
    if (err instanceof HttpProblem) throw err;
    throw problems.malformedJson(err instanceof Error ? err.message : 'unreadable');
  }
}

/** `__proto__` and friends never reach domain code, even as plain own properties. */
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    throw new HttpProblem(
      400,
      'forbidden-key',
      'Forbidden key',
      `The key "${key}" is not accepted`,
    );
  }
  return value;
}

function toResponse(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body === undefined) return { statusCode: result.status, headers };
  if (typeof result.body === 'string' && headers['content-type']) {
    return { statusCode: result.status, headers, body: result.body };
  }
  headers['content-type'] ??= 'application/json';
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}

function problemResponse(
  err: unknown,
  instance: string,
  logger: Logger,
  correlationId: string,
): APIGatewayProxyStructuredResultV2 {
  const transient = !(err instanceof HttpProblem) && isTransientDependencyError(err);
  const problem =
    err instanceof HttpProblem
      ? err
      : transient
        ? problems.unavailable(UNAVAILABLE_RETRY_AFTER_SECONDS)
        : problems.internal();
  if (!(err instanceof HttpProblem)) {
    logger.error(transient ? 'storage unavailable' : 'unhandled error', {
      correlationId,
      error: err as Error,
    });
  }
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.headers },
    body: JSON.stringify(problem.toJSON(instance)),
  };
}

const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;
/** Socket-level failures: DynamoDB is down, restarting or unreachable. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** AWS errors that mean "try again later", after the SDK's own retries were used up. */
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);
const TRANSIENT_CANCELLATIONS = new Set(['ThrottlingError', 'TransactionConflict']);

/**
 * True for errors that are the platform's transient trouble, not a bug and not the client's
 * fault: answered 503 with Retry-After instead of 500. Follows `cause` a few levels.
 */
export function isTransientDependencyError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, name, $fault, $metadata, CancellationReasons } = e as {
      code?: unknown;
      name?: unknown;
      $fault?: unknown;
      $metadata?: { httpStatusCode?: number };
      CancellationReasons?: { Code?: string }[];
    };
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    if ($fault === 'server' && ($metadata?.httpStatusCode ?? 500) >= 500) return true;
    if (
      name === 'TransactionCanceledException' &&
      CancellationReasons?.some((r) => r.Code && TRANSIENT_CANCELLATIONS.has(r.Code))
    )
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function lowerCaseHeaders(
  headers: Record<string, string | undefined> | undefined,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
