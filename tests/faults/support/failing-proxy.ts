import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyRequest {
  /** The X-Amz-Target header, e.g. `DynamoDB_20120810.GetItem`. */
  target: string;
  body: string;
}

/**
 * An HTTP proxy in front of DynamoDB Local that answers matching requests with DynamoDB's own
 * 500 InternalServerError while `fails` says so, resets every connection while `down`, and
 * forwards everything else untouched: network-level faults with the real handlers and tables.
 */
export class FailingDynamoProxy {
  /** Decides per request; the default fails nothing. */
  fails: (req: ProxyRequest) => boolean = () => false;
  /** Requests answered with the injected error. */
  failed = 0;
  /** While true, every connection is reset at once: DynamoDB Local is gone. */
  down = false;
  url = '';
  private server?: Server;

  constructor(private readonly upstream: string) {}

  async start(): Promise<this> {
    const upstream = new URL(this.upstream);
    this.server = createServer((req, res) => {
      if (this.down) {
        req.socket.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const target = String(req.headers['x-amz-target'] ?? '');
        if (this.fails({ target, body: body.toString('utf8') })) {
          this.failed++;
          res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' }).end(
            JSON.stringify({
              __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
              message: 'injected by the fault test',
            }),
          );
          return;
        }
        const forward = request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        forward.on('error', () => res.destroy());
        forward.end(body);
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
