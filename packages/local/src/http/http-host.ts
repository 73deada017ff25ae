import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { problems, type HttpLambda, type HttpProblem } from '@assay/platform';
import type { ServiceManifest } from '@assay/platform/manifest';
import { toApiGatewayEvent } from './api-gateway-event';
import { RouteTable } from './route-table';

export interface HostedService {
  manifest: ServiceManifest;
  http: HttpLambda;
}

export interface HttpHostOptions {
  services: HostedService[];
  /** Requests this returns true for were answered elsewhere (e.g. the bus's PutEvents). */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** API Gateway refuses bodies over 10 MB before any Lambda runs; so do we. */
  maxBodyBytes?: number;
  /** Told of each request that reached a route, with request and response bytes (metering). */
  onRequest?: (routeKey: string, bytes: number) => void;
}

const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

/**
 * Serves every manifest route over real HTTP by turning each request into the API Gateway v2
 * event the deployed Lambda gets and calling the same handler module.
 */
export function createHttpHost(options: HttpHostOptions): Server {
  const routes = new RouteTable<HttpLambda>();
  for (const s of options.services) routes.add(s.manifest, s.http);
  const maxBody = options.maxBodyBytes ?? GATEWAY_MAX_BODY;

  return createServer((req, res) => {
    if (options.intercept?.(req, res)) return;
    void handle(req, res).catch((err: unknown) => {
      console.error('local http host: unexpected error', err);
      if (!res.headersSent) sendProblem(res, problems.internal(), req.url ?? '/');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let match;
    try {
      match = routes.match(method, url.pathname);
    } catch {
      return sendProblem(res, problems.routeNotFound(method, url.pathname), url.pathname);
    }
    if (!match.found) {
      req.resume();
      return sendProblem(
        res,
        match.allowed.length
          ? problems.methodNotAllowed(method, url.pathname, match.allowed)
          : problems.routeNotFound(method, url.pathname),
        url.pathname,
      );
    }
    const body = await readBody(req, maxBody);
    if (body === 'too-large') return sendProblem(res, problems.tooLarge(maxBody), url.pathname);
    const { route, target, pathParameters } = match.found;
    const routeKey = `${route.method} ${route.path}`;
    const event = toApiGatewayEvent(req, url, routeKey, pathParameters, body);
    const result = await target(event, lambdaContext(event.requestContext.requestId));
    res.statusCode = result.statusCode ?? 200;
    for (const [name, value] of Object.entries(result.headers ?? {}))
      res.setHeader(name, String(value));
    const payload = result.body ?? '';
    const sent = result.isBase64Encoded ? Buffer.from(payload, 'base64') : payload;
    options.onRequest?.(routeKey, body.length + Buffer.byteLength(sent));
    res.end(sent);
  }
}

export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve(`http://${host}:${address.port}`);
    });
  });
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendProblem(res: ServerResponse, problem: HttpProblem, instance: string): void {
  res.statusCode = problem.status;
  res.setHeader('content-type', 'application/problem+json');
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.end(JSON.stringify(problem.toJSON(instance)));
}

function lambdaContext(requestId: string): Context {
  return {
    awsRequestId: requestId,
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:local',
    logGroupName: 'local',
    logStreamName: 'local',
    memoryLimitInMB: '512',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
