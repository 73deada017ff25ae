import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalEventBus } from './event-bus';
import { PutEventsValidationError } from './put-events-validation';
import type { PutEventsRequestEntry } from './types';

const PUT_EVENTS_TARGET = 'AWSEvents.PutEvents';
const JSON_1_1 = 'application/x-amz-json-1.1';
/** Far above 10 entries × 256 KB; stops a runaway client from filling memory. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

type PutEventsBus = Pick<LocalEventBus, 'putEvents'>;

class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * A node:http handler speaking EventBridge's AWS JSON 1.1 protocol for PutEvents, so the real
 * `@aws-sdk/client-eventbridge` works against the local bus unchanged. Signatures are accepted
 * without verification: locally any credentials will do.
 */
export function createPutEventsHandler(
  bus: PutEventsBus,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(bus, req)
      .then((body) => send(res, 200, body))
      .catch((error: unknown) => {
        const failure =
          error instanceof AwsJsonError
            ? error
            : error instanceof PutEventsValidationError
              ? new AwsJsonError('ValidationException', error.message)
              : new AwsJsonError('InternalFailure', String(error), 500);
        send(res, failure.status, { __type: failure.type, message: failure.message });
      });
  };
}

async function handle(bus: PutEventsBus, req: IncomingMessage): Promise<unknown> {
  const target = req.headers['x-amz-target'];
  if (req.method !== 'POST' || target !== PUT_EVENTS_TARGET) {
    throw new AwsJsonError(
      'UnknownOperationException',
      `Operation ${String(target ?? req.method)} is not supported by the local event bus`,
    );
  }
  const request = parseJson(await readBody(req));
  return bus.putEvents(toEntries(request));
}

/** Maps the wire shape to SDK-shaped entries; Time travels as epoch seconds in AWS JSON. */
function toEntries(request: unknown): PutEventsRequestEntry[] {
  const entries: unknown = isRecord(request) ? request.Entries : undefined;
  if (!Array.isArray(entries) || !entries.every(isRecord)) {
    throw new AwsJsonError('ValidationException', "Value at 'entries' must be a list of entries");
  }
  return entries.map((entry) => {
    const time: unknown = entry.Time;
    return {
      ...(entry as PutEventsRequestEntry),
      // Anything but epoch seconds becomes an invalid Date, which validation rejects per entry.
      Time: time === undefined ? undefined : new Date(typeof time === 'number' ? time * 1000 : NaN),
    };
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsJsonError('ValidationException', 'Request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new AwsJsonError('SerializationException', 'Request body is not valid JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_1_1,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(payload);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface PutEventsServer {
  /** e.g. `http://127.0.0.1:54321`: the value for AWS_ENDPOINT_URL_EVENTBRIDGE. */
  url: string;
  close(): Promise<void>;
}

/** Serves PutEvents for `bus` on 127.0.0.1; port 0 (the default) picks a free port. */
export function startPutEventsServer(options: {
  bus: PutEventsBus;
  port?: number;
  host?: string;
}): Promise<PutEventsServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(createPutEventsHandler(options.bus));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
