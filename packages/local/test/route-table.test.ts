import { describe, expect, it } from 'vitest';
import { defineService } from '@assay/platform/manifest';
import { RouteTable } from '../src/http/route-table';

const svc = defineService({
  name: 'x',
  table: { name: 'x', indexes: [], outbox: false },
  handlers: {},
  routes: [
    {
      operationId: 'get',
      method: 'GET',
      path: '/v1/things/{id}',
      auth: { kind: 'public' },
      summary: '',
      response: { status: 200 },
    },
    {
      operationId: 'mine',
      method: 'GET',
      path: '/v1/things/mine',
      auth: { kind: 'public' },
      summary: '',
      response: { status: 200 },
    },
    {
      operationId: 'sub',
      method: 'POST',
      path: '/v1/things/{id}/parts/{part}',
      auth: { kind: 'public' },
      summary: '',
      response: { status: 201 },
    },
  ],
  publishes: [],
  subscribes: [],
});

const table = new RouteTable<string>();
table.add(svc, 'target');

describe('RouteTable', () => {
  it('extracts decoded path parameters', () => {
    const { found } = table.match('POST', '/v1/things/a%20b/parts/7');
    expect(found?.route.operationId).toBe('sub');
    expect(found?.pathParameters).toEqual({ id: 'a b', part: '7' });
  });

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(table.match('GET', '/v1/things/mine').found?.route.operationId).toBe('mine');
    expect(table.match('GET', '/v1/things/other').found?.route.operationId).toBe('get');
  });

  it('reports the allowed methods when only the path matches', () => {
    expect(table.match('DELETE', '/v1/things/abc')).toEqual({ allowed: ['GET'] });
  });

  it('does not match empty or extra segments', () => {
    expect(table.match('GET', '/v1/things/').found).toBeUndefined();
    expect(table.match('GET', '/v1/things/a/b').found).toBeUndefined();
  });
});
