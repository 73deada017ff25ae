import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedUrl } from './url-guard';

export interface SendResult {
  /** 0 when no response arrived (refused, reset, timed out). */
  status: number;
  latencyMs: number;
  /** The first 1 KB of the response body, or the network error. */
  response: string;
  /** The `Retry-After` header as sent (seconds or an HTTP date). */
  retryAfter?: string;
}

export type Sender = (
  target: CheckedUrl,
  headers: Record<string, string>,
  body: string,
  method?: 'POST' | 'PATCH',
) => Promise<SendResult>;

export const SEND_TIMEOUT_MS = 15_000;
const RESPONSE_BYTES = 1024;

/**
 * Sends (POST, or PATCH for integrations) to the checked address only: the connection's lookup answers with it, so DNS cannot
 * change between the check and the connect, while Host and SNI keep the URL's name. Redirects
 * are never followed (node's client does not), so a 3xx is just a failed attempt.
 */
export const httpSender: Sender = (target, headers, body, method = 'POST') =>
  new Promise((resolve) => {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const pinned: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target.url,
      {
        method,
        lookup: pinned,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Assay-Webhooks/1',
        },
        timeout: SEND_TIMEOUT_MS,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            latencyMs: latency(),
            response: Buffer.concat(chunks).subarray(0, RESPONSE_BYTES).toString('utf8'),
            retryAfter: res.headers['retry-after'],
          }),
        );
        res.on('error', (err) =>
          resolve({ status: 0, latencyMs: latency(), response: err.message }),
        );
      },
    );
    // The whole exchange, not just idle time, must finish within the limit.
    const deadline = setTimeout(
      () => req.destroy(new Error('timed out after 15 s')),
      SEND_TIMEOUT_MS,
    );
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new Error('timed out after 15 s')));
    req.on('error', (err) => resolve({ status: 0, latencyMs: latency(), response: err.message }));
    req.end(body);
  });
