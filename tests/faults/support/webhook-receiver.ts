import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  body: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * A tenant's webhook endpoint on 127.0.0.1 that verifies every request with the npm
 * `standardwebhooks` library (the secret is set once the endpoint is registered) and answers 200.
 * It lives in the test process, so it outlives a crash of the stack.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Requests whose signature did not verify (should stay 0). */
  rejected = 0;
  secret = '';
  url = '';
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          const payload = this.verify(body, req.headers);
          this.received.push({ id: String(req.headers['webhook-id']), body, ...payload });
          res.writeHead(200).end('ok');
        } catch {
          this.rejected++;
          res.writeHead(400).end('bad signature');
        }
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  private verify(body: string, headers: IncomingHttpHeaders) {
    return new Webhook(this.secret).verify(body, headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
    };
  }

  /** Webhook ids that arrived with more than one distinct body (must be none). */
  idsWithTwoPayloads(): string[] {
    const bodies = new Map<string, Set<string>>();
    for (const r of this.received) {
      const set = bodies.get(r.id) ?? new Set<string>();
      set.add(r.body);
      bodies.set(r.id, set);
    }
    return [...bodies].filter(([, set]) => set.size > 1).map(([id]) => id);
  }

  /** Distinct webhook ids of one type, per `data.sessionId`. */
  idsBySession(type: string): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const r of this.received) {
      if (r.type !== type || typeof r.data.sessionId !== 'string') continue;
      const set = out.get(r.data.sessionId) ?? new Set<string>();
      set.add(r.id);
      out.set(r.data.sessionId, set);
    }
    return out;
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
