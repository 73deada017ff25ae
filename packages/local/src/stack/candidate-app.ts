import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

// The page carries the token in its URL: no referrer may leak it, and nothing but our own files runs.
const HEADERS = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/**
 * Serves the candidate web app's static files (CloudFront + S3 in AWS): `/take/<token>` is the
 * page, `/take/assets/<file>` its script and style.
 */
export function candidateApp(dir: string) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const asset = /^\/take\/assets\/([a-z0-9-]+\.(?:js|css))$/.exec(path)?.[1];
    const file = asset ?? (/^\/take\/[^/]+$/.test(path) ? 'index.html' : undefined);
    if (!file) return false;
    void readFile(join(dir, file)).then(
      (body) => {
        res.writeHead(200, {
          ...HEADERS,
          'content-type': TYPES[file.slice(file.lastIndexOf('.'))]!,
          'cache-control': asset ? 'public, max-age=300' : 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      },
    );
    return true;
  };
}
