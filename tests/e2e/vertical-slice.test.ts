import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { findBuiltin } from '@assay/playbooks';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { TenantRegistry, dynamoClient, outboxEntryFromImage, tableName } from '@assay/platform';
import { contentService } from '@assay/service-content';
import type { LocalStack } from '@assay/local';
import { apiClient } from '../support/api-client';
import { startTestStack } from '../support/stack';

// The walking skeleton's vertical slice, over real HTTP against the whole local stack:
// HTTP → content handler → DynamoDB (state + outbox in one transaction) → stream → bus →
// scoring's consumer → scoring's own table → visible over HTTP.

let stack: LocalStack;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
let revokedKey: string;

const builtin = findBuiltin('medical-billing-specialist');
const content = (({ id: _id, version: _version, ...rest }) => rest)(
  builtin as unknown as Record<string, unknown>,
);

type Summary = { id: string; status: string; latestVersion: string | null; source: string };
type Problem = { type: string; status: number; detail: string; errors?: { pointer: string }[] };

beforeAll(async () => {
  stack = await startTestStack();
  api = apiClient(stack.url, stack.demo.apiKey);
  const registry = new TenantRegistry(dynamoClient());
  const tenantB = await registry.createTenant('Other Clinic');
  other = apiClient(stack.url, (await registry.createApiKey(tenantB.tenantId, ['admin'])).apiKey);
  const spare = await registry.createApiKey(stack.demo.tenantId, ['admin']);
  await registry.revokeApiKey(spare.record.keyId);
  revokedKey = spare.apiKey;
});

afterAll(async () => {
  await stack?.stop();
});

async function listIds(client = api): Promise<string[]> {
  const res = await client.get<{ items: Summary[] }>('/v1/playbooks?limit=100');
  // The tenant's own playbooks; every tenant also sees the read-only library.
  return res.json.items.filter((p) => p.source === 'tenant').map((p) => p.id);
}

describe('vertical slice on the local stack', () => {
  it('is healthy and documents itself', async () => {
    expect((await api.get('/health')).json).toEqual({ status: 'ok' });
    const doc = await api.get<{ openapi: string; paths: Record<string, unknown> }>(
      '/v1/openapi.json',
    );
    expect(doc.json.openapi).toBe('3.1.0');
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/v1/playbooks', '/v1/playbooks/{id}/publish']),
    );
  });

  it('creates, publishes, and the scoring service records the version', async () => {
    const created = await api.post<Summary>('/v1/playbooks', {
      id: 'mbs-clinic',
      title: 'Billing (our clinic)',
      content,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/playbooks/mbs-clinic');
    expect(created.json).toMatchObject({ id: 'mbs-clinic', status: 'draft', latestVersion: null });

    const read = await api.get<Summary & { draft: { title: string } }>('/v1/playbooks/mbs-clinic');
    expect(read.json.draft.title).toBe('Billing (our clinic)');
    expect(await listIds()).toContain('mbs-clinic');

    const published = await api.post<{ version: string; hash: string }>(
      '/v1/playbooks/mbs-clinic/publish',
    );
    expect(published.status).toBe(201);
    expect(published.json.version).toBe('1.0.0');
    expect(published.json.hash).toMatch(/^sha256:[0-9a-f]{64}$/);

    await stack.settle();
    const rubrics = await api.get<{ items: { version: string; hash: string }[] }>(
      '/v1/rubrics/mbs-clinic/versions',
    );
    expect(rubrics.json.items).toEqual([
      expect.objectContaining({ version: '1.0.0', hash: published.json.hash }),
    ]);

    const again = await api.post<{ version: string }>('/v1/playbooks/mbs-clinic/publish');
    expect(again.json.version).toBe('1.1.0');
    await stack.settle();
    const both = await api.get<{ items: { version: string }[] }>('/v1/rubrics/mbs-clinic/versions');
    expect(both.json.items.map((i) => i.version)).toEqual(['1.0.0', '1.1.0']);
    expect((await api.get<Summary>('/v1/playbooks/mbs-clinic')).json.latestVersion).toBe('1.1.0');
  });

  it('changes nothing when the same event is delivered again (PutEvents through the real AWS SDK)', async () => {
    const before = await api.get<{ items: unknown[] }>('/v1/rubrics/mbs-clinic/versions');
    const published = stack.bus.stats().published;
    const { delivered } = await redeliverLastPublished();
    expect(delivered).toBe(1);
    await stack.settle();
    expect(stack.bus.stats().published).toBe(published + 1);
    expect((await api.get('/v1/rubrics/mbs-clinic/versions')).json).toEqual(before.json);
  });

  describe('bad input is refused with a problem and writes nothing', () => {
    it.each([
      ['malformed JSON', { rawBody: '{"title": "x",' }, 400, 'malformed-json', undefined],
      ['a missing title', { body: { content: {} } }, 422, 'validation', 'body/title'],
      ['an unknown field', { body: { title: 'x', owner: 'me' } }, 422, 'validation', 'body'],
      ['a bad id', { body: { id: 'Not An Id!', title: 'x' } }, 422, 'validation', 'body/id'],
    ])('%s', async (_name, input, status, slug, pointer) => {
      const before = await listIds();
      const res = await api.post<Problem>('/v1/playbooks', (input as { body?: unknown }).body, {
        rawBody: (input as { rawBody?: string }).rawBody,
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json.type).toBe(`https://assay.dev/problems/${slug}`);
      if (pointer) expect(res.json.errors?.map((e) => e.pointer)).toContain(pointer);
      expect(await listIds()).toEqual(before);
    });

    it('an unknown route or method', async () => {
      const missing = await api.get<Problem>('/v1/nothing-here');
      expect(missing.status).toBe(404);
      expect(missing.json.type).toBe('https://assay.dev/problems/route-not-found');
      const method = await api.request<Problem>('DELETE', '/v1/playbooks');
      expect(method.status).toBe(405);
      expect(method.headers.get('allow')).toContain('GET');
    });

    it('no key, a revoked key', async () => {
      const before = await listIds();
      const anonymous = await apiClient(stack.url).post<Problem>('/v1/playbooks', { title: 'x' });
      expect(anonymous.status).toBe(401);
      const revoked = await apiClient(stack.url, revokedKey).post<Problem>('/v1/playbooks', {
        title: 'x',
      });
      expect(revoked.status).toBe(401);
      expect(revoked.json.detail).toMatch(/revoked/);
      expect(await listIds()).toEqual(before);
    });

    it("another tenant's playbook is not found, and publishing it writes nothing", async () => {
      expect((await other.get<Problem>('/v1/playbooks/mbs-clinic')).status).toBe(404);
      const publish = await other.post<Problem>('/v1/playbooks/mbs-clinic/publish');
      expect(publish.status).toBe(404);
      expect(await listIds(other)).toEqual([]);
      await stack.settle();
      expect(
        (await other.get<{ items: unknown[] }>('/v1/rubrics/mbs-clinic/versions')).json.items,
      ).toEqual([]);
      expect((await api.get<Summary>('/v1/playbooks/mbs-clinic')).json.latestVersion).toBe('1.1.0');
    });

    it('an invalid playbook is not published and no event leaves', async () => {
      await api.post('/v1/playbooks', {
        id: 'broken',
        title: 'Broken',
        content: { ...content, sections: [] },
      });
      const relayed = stack.relay.relayed;
      const res = await api.post<Problem>('/v1/playbooks/broken/publish');
      expect(res.status).toBe(422);
      expect(res.json.errors?.length).toBeGreaterThan(0);
      expect(res.json.errors?.every((e) => e.pointer.startsWith('body/content/'))).toBe(true);
      await stack.settle();
      expect(stack.relay.relayed).toBe(relayed);
      expect((await api.get<Summary>('/v1/playbooks/broken')).json).toMatchObject({
        status: 'draft',
        latestVersion: null,
      });
      expect(
        (await api.get<{ items: unknown[] }>('/v1/rubrics/broken/versions')).json.items,
      ).toEqual([]);
    });
  });
});

/** Re-sends the newest outbox event of the demo tenant, as a replay tool would, via the AWS SDK. */
async function redeliverLastPublished(): Promise<{ delivered: number }> {
  const out = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(contentService.table),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': `T#${stack.demo.tenantId}#OUTBOX` }),
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const entry = outboxEntryFromImage(out.Items?.[0]);
  if (!entry) throw new Error('no outbox entry found');
  const client = new EventBridgeClient({
    endpoint: stack.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const put = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          Source: entry.source,
          DetailType: entry.detailType,
          Detail: JSON.stringify(entry.detail),
        },
      ],
    }),
  );
  client.destroy();
  return { delivered: (put.Entries ?? []).filter((e) => e.EventId).length };
}
