// A webhook receiver on 127.0.0.1 for the load bench: verifies every request's Standard Webhooks
// signature with the secret returned at registration and records what it saw, so the bench can
// count deliveries afterwards (one webhook id per session, one payload per webhook id).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  type: string;
  sessionId?: string;
  scorecardId?: string;
  /** performance.now() when the request's body had arrived (first delivery of this id). */
  receivedAt: number;
  /** The event's `timestamp` (when it happened: for score.computed, scoring's end) on the same clock. */
  occurredAt?: number;
}

export class WebhookReceiver {
  readonly url: string;
  /** First delivery of each webhook id. */
  readonly byId = new Map<string, ReceivedWebhook>();
  /** The distinct raw bodies seen per webhook id (more than one is a contract breach). */
  readonly bodiesById = new Map<string, Set<string>>();
  /** Distinct webhook ids per session id. */
  readonly idsBySession = new Map<string, Set<string>>();
  requests = 0;
  badSignatures = 0;
  private verifier: Webhook | undefined;

  private constructor(
    private readonly server: Server,
    port: number,
  ) {
    this.url = `http://127.0.0.1:${port}/hook`;
  }

  static async start(): Promise<WebhookReceiver> {
    const ref: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = ref.receiver!.accept(
          Buffer.concat(chunks).toString('utf8'),
          req.headers as Record<string, string>,
        );
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    ref.receiver = new WebhookReceiver(server, (server.address() as AddressInfo).port);
    return ref.receiver;
  }

  /** The endpoint's secret (`whsec_…`), known once the endpoint is registered. */
  useSecret(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  close(): Promise<void> {
    return new Promise((done) => {
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
  }

  private accept(raw: string, headers: Record<string, string>): number {
    const receivedAt = performance.now();
    this.requests++;
    let event: {
      type?: string;
      timestamp?: string;
      data?: { sessionId?: string; scorecardId?: string };
    };
    try {
      if (!this.verifier) throw new Error('no secret yet');
      event = this.verifier.verify(raw, headers) as typeof event;
    } catch {
      this.badSignatures++;
      return 401; // Assay retries it later, as a real integrator's refusal would make it
    }
    const id = headers['webhook-id']!;
    const bodies = this.bodiesById.get(id) ?? new Set<string>();
    bodies.add(raw);
    this.bodiesById.set(id, bodies);
    if (!this.byId.has(id)) {
      const sessionId = event.data?.sessionId;
      this.byId.set(id, {
        id,
        type: event.type ?? '',
        sessionId,
        scorecardId: event.data?.scorecardId,
        receivedAt,
        ...(event.timestamp && {
          occurredAt: Date.parse(event.timestamp) - performance.timeOrigin,
        }),
      });
      if (sessionId && event.type === 'score.computed') {
        const ids = this.idsBySession.get(sessionId) ?? new Set<string>();
        ids.add(id);
        this.idsBySession.set(sessionId, ids);
      }
    }
    return 204;
  }
}
