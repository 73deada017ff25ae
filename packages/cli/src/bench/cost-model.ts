// Turns a metered run into counts per session and cost per 1,000 sessions, one line per
// service: count per session × unit price × 1,000. Memory sizes and the access-log format come
// from infra, route auth from the manifests, prices from cost-prices.ts.
import type { MeterSnapshot } from '@assay/local';
import { services } from '@assay/manifests';
import { functionMemoryMb } from '../../../../infra/lib/function-memory';
import { PRICES, XRAY_SAMPLING_RATE, type PriceKey } from './cost-prices';

export interface CostLine {
  label: string;
  price: PriceKey;
  /** Billed units per session. */
  perSession: number;
  /** USD per 1,000 sessions. */
  per1000: number;
  basis: string;
}

export interface CostInputs {
  snapshot: MeterSnapshot;
  sessions: number;
  /** Page files a session fetches through CloudFront (index.html, app.js, app.css). */
  staticRequestsPerSession: number;
  /** Bytes of one API access log line (see accessLogLineBytes). */
  accessLogLineBytes: number;
}

/** Routes the candidate page calls: they pass through CloudFront (same origin, `/v1/*`). */
function candidateRouteKeys(): Set<string> {
  return new Set(
    services.flatMap((m) =>
      m.routes.filter((r) => r.auth.kind === 'candidate').map((r) => `${r.method} ${r.path}`),
    ),
  );
}

export function costLines(input: CostInputs): CostLine[] {
  const { snapshot: s, sessions } = input;
  const per = (n: number) => n / sessions;
  const candidateRoutes = candidateRouteKeys();
  const candidateApi = Object.entries(s.api.byRoute)
    .filter(([route]) => candidateRoutes.has(route))
    .reduce((sum, [, n]) => sum + n, 0);
  const invocations = s.lambdas.reduce((sum, l) => sum + l.invocations, 0);
  const gbSeconds = s.lambdas.reduce(
    (sum, l) => sum + (l.billedMs / 1000) * (functionMemoryMb(l.name) / 1024),
    0,
  );
  const writeUnits = s.dynamo.reduce((sum, d) => sum + d.writeUnits, 0);
  const readUnits = s.dynamo.reduce((sum, d) => sum + d.readUnits, 0);
  const logBytes = s.logs.bytes + s.api.requests * (input.accessLogLineBytes + 26);

  const lines: Omit<CostLine, 'per1000'>[] = [
    {
      label: 'API Gateway HTTP API',
      price: 'apiRequest',
      perSession: per(s.api.billedRequests),
      basis: 'requests counted by the HTTP host',
    },
    {
      label: 'CloudFront requests',
      price: 'cloudFrontRequest',
      perSession: per(candidateApi) + input.staticRequestsPerSession,
      basis: `the page's API calls (candidate routes) + ${input.staticRequestsPerSession} page files`,
    },
    {
      label: 'Lambda requests',
      price: 'lambdaRequest',
      perSession: per(invocations),
      basis: 'HTTP, event, schedule and enrichment invocations',
    },
    {
      label: 'Lambda compute',
      price: 'lambdaGbSecond',
      perSession: per(gbSeconds),
      basis: 'billed ms × memory from infra/lib/function-memory.ts',
    },
    {
      label: 'DynamoDB writes',
      price: 'dynamoWrite',
      perSession: per(writeUnits),
      basis: 'ConsumedCapacity of every write',
    },
    {
      label: 'DynamoDB reads',
      price: 'dynamoRead',
      perSession: per(readUnits),
      basis: 'ConsumedCapacity of every read',
    },
    {
      label: 'EventBridge events',
      price: 'busEvent',
      perSession: per(s.events.billedEvents),
      basis: 'PutEvents entries (64 KB chunks)',
    },
    {
      label: 'EventBridge Pipes',
      price: 'pipeRequest',
      perSession: per(s.pipes.events),
      basis: 'one request per outbox event (batches of one at real arrival rates)',
    },
    {
      label: 'EventBridge Scheduler',
      price: 'schedulerInvocation',
      perSession: per(s.scheduler.invoked),
      basis: 'schedules that fired',
    },
    {
      label: 'CloudWatch Logs',
      price: 'logsIngestedGb',
      perSession: per(logBytes) / 1024 ** 3,
      basis:
        "handler JSON lines at the deployed level, Lambda's own records as deployed (none at WARN), API access lines",
    },
    {
      label: 'X-Ray traces',
      price: 'xrayTrace',
      perSession: per(invocations) * XRAY_SAMPLING_RATE,
      basis: `${XRAY_SAMPLING_RATE * 100} % of invocations (default sampling above 1/s)`,
    },
  ];
  return lines.map((line) => ({
    ...line,
    per1000: line.perSession * PRICES[line.price].usd * 1000,
  }));
}

/** Sample values of the access log's context variables, for the size of one line. */
const ACCESS_LOG_SAMPLE: Record<string, string> = {
  '$context.requestId': 'Vx3JbiVsIAMEbQw=',
  '$context.identity.sourceIp': '203.0.113.45',
  '$context.requestTime': '23/Nov/2026:15:44:34 +0000',
  '$context.httpMethod': 'PUT',
  '$context.routeKey': 'PUT /v1/sessions/{id}/answers/{itemId}',
  '$context.path': '/v1/sessions/01JDQ3ZJ6V8W2Y4A6C8E0G2J4M/answers/mbs-proc-01',
  '$context.status': '200',
  '$context.protocol': 'HTTP/1.1',
  '$context.responseLength': '64',
  '$context.responseLatency': '38',
  '$context.integrationLatency': '35',
  '$context.integrationStatus': '200',
  '$context.integrationErrorMessage': '-',
  '$context.identity.userAgent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

/** One access log line in the deployed format, with typical values. */
export function accessLogLineBytes(format: Record<string, string>): number {
  const line = Object.fromEntries(
    Object.entries(format).map(([field, variable]) => [field, ACCESS_LOG_SAMPLE[variable] ?? '-']),
  );
  return Buffer.byteLength(`${JSON.stringify(line)}\n`);
}
