// The tenant's webhook receiver, run inside the demo process on 127.0.0.1: it verifies every
// request's Standard Webhooks signature with the `standardwebhooks` library (as docs/webhooks.md
// tells integrators to), ignores ids it has seen, and records each verified score.computed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ScoreComputed {
  sessionId: string;
  assessmentId: string;
  total: number;
  band: string;
}

export class WebhookReceiver {
  /** Every POST that reached the receiver, including retries and bad signatures. */
  received = 0;
  /** Requests whose signature did not verify (answered 401, so Assay retries them). */
  rejected = 0;
  /** Verified requests carrying an id already processed (retries, replays): acknowledged, ignored. */
  duplicates = 0;
  readonly verifiedIds = new Set<string>();
  readonly scores = new Map<string, ScoreComputed>();
  url = '';
  private webhook: Webhook | undefined;
  private server: Server | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received++;
        const status = this.accept(
          Buffer.concat(chunks).toString('utf8'),
          req.headers as Record<string, string>,
        );
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/assay-webhooks`;
    return this;
  }

  /** The endpoint's secret, known once the endpoint is registered (it is shown only then). */
  useSecret(secret: string): void {
    this.webhook = new Webhook(secret);
  }

  private accept(body: string, headers: Record<string, string>): number {
    // Nothing can be signed for us before registration returns; ask for a retry if it is.
    if (!this.webhook) return 503;
    let event: { type?: string; data?: Partial<ScoreComputed> };
    try {
      event = this.webhook.verify(body, headers) as typeof event;
    } catch {
      this.rejected++;
      return 401;
    }
    const id = headers['webhook-id']!;
    if (this.verifiedIds.has(id)) {
      this.duplicates++;
      return 204;
    }
    this.verifiedIds.add(id);
    const data = event.data;
    if (event.type === 'score.computed' && data?.sessionId) {
      this.scores.set(data.sessionId, {
        sessionId: data.sessionId,
        assessmentId: String(data.assessmentId),
        total: Number(data.total),
        band: String(data.band),
      });
    }
    return 204;
  }

  stop(): Promise<void> {
    return new Promise((done) => {
      if (!this.server) return done();
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
  }
}
