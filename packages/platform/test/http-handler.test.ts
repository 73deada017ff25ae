import { beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { defineService, httpHandler, TenantRegistry, type HttpLambda } from '../src/index';

const manifest = defineService({
  name: 'probe',
  table: { name: 'probe', indexes: [], outbox: false },
  handlers: {},
  routes: [
    {
      operationId: 'ping',
      method: 'GET',
      path: '/ping',
      auth: { kind: 'public' },
      summary: 'ping',
      response: { status: 200 },
    },
    {
      operationId: 'echo',
      method: 'POST',
      path: '/things/{id}',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'echo',
      params: z.object({ id: z.string().regex(/^[a-z]+$/) }),
      query: z.object({ n: z.coerce.number().int().max(10).default(1) }),
      body: z.strictObject({ name: z.string().min(1), tags: z.array(z.string()).default([]) }),
      response: { status: 201 },
    },
    {
      operationId: 'boom',
      method: 'GET',
      path: '/boom',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'fails',
      response: { status: 200 },
    },
  ],
  publishes: [],
  subscribes: [],
});

let handler: HttpLambda;
let writeKey: string;
let readKey: string;
let tenantId: string;

beforeAll(async () => {
  const { db } = await useTestTables();
  const registry = new TenantRegistry(db);
  tenantId = (await registry.createTenant('Probe')).tenantId;
  writeKey = (await registry.createApiKey(tenantId, ['write'])).apiKey;
  readKey = (await registry.createApiKey(tenantId, ['read'])).apiKey;
  handler = httpHandler(
    manifest,
    {
      ping: async () => ({ status: 200, body: { pong: true } }),
      echo: async (req) => ({
        status: 201,
        body: { tenantId: req.tenantId, params: req.params, query: req.query, body: req.body },
      }),
      boom: async () => {
        throw new Error('secret internal detail');
      },
    },
    { maxBodyBytes: 1024 },
  );
});

function event(
  routeKey: string,
  init: {
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    params?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey,
    rawPath: init.path ?? path,
    rawQueryString: '',
    headers: init.headers ?? {},
    pathParameters: init.params,
    queryStringParameters: init.query,
    body: init.body,
    isBase64Encoded: false,
    requestContext: {
      http: { method, path: init.path ?? path },
      requestId: 'req-1',
    } as APIGatewayProxyEventV2['requestContext'],
  };
}

async function call(e: APIGatewayProxyEventV2) {
  const res = await handler(e, {} as Context);
  return { ...res, json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : undefined };
}

const auth = (key: string) => ({
  authorization: `Bearer ${key}`,
  'content-type': 'application/json',
});

describe('httpHandler', () => {
  it('answers a public route and echoes the correlation id', async () => {
    const res = await call(event('GET /ping', { headers: { 'x-correlation-id': 'corr-42' } }));
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ pong: true });
    expect(res.headers?.['x-correlation-id']).toBe('corr-42');
  });

  it('passes parsed params, query (with defaults) and body to the operation with the tenant', async () => {
    const res = await call(
      event('POST /things/{id}', {
        headers: auth(writeKey),
        params: { id: 'abc' },
        query: { n: '3' },
        body: '{"name":"x"}',
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json).toEqual({
      tenantId,
      params: { id: 'abc' },
      query: { n: 3 },
      body: { name: 'x', tags: [] },
    });
  });

  it.each([
    ['no key', {}, 401, 'unauthorized'],
    [
      'unknown key',
      { authorization: 'Bearer ak_us-east-1_0000000000000000_' + 'a'.repeat(43) },
      401,
      'unauthorized',
    ],
    ['not bearer', { authorization: 'Basic abc' }, 401, 'unauthorized'],
  ])('refuses %s with a 401 problem', async (_name, headers, status, slug) => {
    const res = await call(
      event('POST /things/{id}', { headers, params: { id: 'abc' }, body: '{"name":"x"}' }),
    );
    expect(res.statusCode).toBe(status);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(res.json?.type).toBe(`https://assay.dev/problems/${slug}`);
    expect(res.headers?.['www-authenticate']).toBe('Bearer');
  });

  it('refuses a key without the scope with 403', async () => {
    const res = await call(
      event('POST /things/{id}', {
        headers: auth(readKey),
        params: { id: 'abc' },
        body: '{"name":"x"}',
      }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json?.detail).toMatch(/write/);
  });

  it('names every invalid field with a pointer', async () => {
    const res = await call(
      event('POST /things/{id}', {
        headers: auth(writeKey),
        params: { id: 'abc' },
        body: '{"name":"","extra":1}',
      }),
    );
    expect(res.statusCode).toBe(422);
    const pointers = (res.json?.errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['body/name', 'body']));
    expect(res.json?.detail).toContain('body/name');
  });

  it('validates path and query too', async () => {
    const res = await call(
      event('POST /things/{id}', {
        headers: auth(writeKey),
        params: { id: 'ABC' },
        query: { n: '99' },
        body: '{"name":"x"}',
      }),
    );
    expect(res.statusCode).toBe(422);
    expect((res.json?.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(['path/id']);
  });

  it.each([
    ['malformed JSON', '{"name":', 'application/json', 400, 'malformed-json'],
    ['a missing body', undefined, 'application/json', 422, 'validation'],
    [
      'a body over the limit',
      JSON.stringify({ name: 'x'.repeat(2000) }),
      'application/json',
      413,
      'payload-too-large',
    ],
    [
      'a non-JSON media type',
      'name=x',
      'application/x-www-form-urlencoded',
      415,
      'unsupported-media-type',
    ],
    [
      'a prototype-pollution key',
      '{"name":"x","__proto__":{"admin":true}}',
      'application/json',
      400,
      'forbidden-key',
    ],
  ])('answers %s with a problem', async (_name, body, type, status, slug) => {
    const res = await call(
      event('POST /things/{id}', {
        headers: { ...auth(writeKey), 'content-type': type },
        params: { id: 'abc' },
        body,
      }),
    );
    expect(res.statusCode).toBe(status);
    expect(res.json?.type).toBe(`https://assay.dev/problems/${slug}`);
  });

  it('hides unexpected errors behind a bare 500', async () => {
    const res = await call(event('GET /boom', { headers: auth(readKey) }));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toContain('at ');
  });

  it('answers an unknown route key with 404', async () => {
    const res = await call(event('GET /nowhere'));
    expect(res.statusCode).toBe(404);
    expect(res.json?.type).toBe('https://assay.dev/problems/route-not-found');
  });
});
