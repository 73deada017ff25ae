import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { builtinPlaybooks, findBuiltin } from '@assay/playbooks';
import {
  TenantRegistry,
  dynamoClient,
  outboxEntryFromImage,
  tableName,
  type OutboxEntry,
} from '@assay/platform';
import { contentService } from '@assay/service-content';
import type { LocalStack } from '@assay/local';
import { apiClient } from '../support/api-client';
import { startTestStack } from '../support/stack';

// The content service's authoring API over real HTTP on the whole local stack: library,
// clone, edit with ETags, validate, publish, versions, diff, forms, limits and tenancy.

type Client = ReturnType<typeof apiClient>;
type Summary = {
  id: string;
  title: string;
  status: string;
  latestVersion: string | null;
  source: 'library' | 'tenant';
  clonedFrom: { id: string; version: string | null } | null;
};
type Draft = { title: string; description?: string; content: Record<string, unknown> };
type Problem = {
  type: string;
  status: number;
  detail: string;
  errors?: { pointer: string; message: string }[];
};
type Version = { id: string; version: string; hash: string; publishedAt: string | null };

const LIBRARY_ID = 'medical-billing-specialist';
const library = findBuiltin(LIBRARY_ID)!;
const { id: _id, version: _version, title: _title, ...libraryContent } = library;

let stack: LocalStack;
let api: Client;
let other: Client;
let fresh: Client;

beforeAll(async () => {
  stack = await startTestStack();
  api = apiClient(stack.url, stack.demo.apiKey);
  const registry = new TenantRegistry(dynamoClient());
  const key = async (name: string) => {
    const tenant = await registry.createTenant(name);
    return apiClient(stack.url, (await registry.createApiKey(tenant.tenantId, ['admin'])).apiKey);
  };
  other = await key('Other Clinic');
  fresh = await key('Fresh Clinic');
});

afterAll(async () => {
  await stack?.stop();
});

const put = <T = Record<string, unknown>>(
  client: Client,
  path: string,
  body: unknown,
  ifMatch?: string,
) => client.request<T>('PUT', path, body, { headers: ifMatch ? { 'if-match': ifMatch } : {} });

function expectProblem(
  res: { status: number; headers: Headers; json: unknown },
  status: number,
  slug: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect((res.json as Problem).type).toBe(`https://assay.dev/problems/${slug}`);
}

/** Creates a playbook cloned from the library and returns its ETag. */
async function cloneLibrary(id: string, client = api): Promise<string> {
  const res = await client.post<Summary>('/v1/playbooks', { cloneFrom: LIBRARY_ID, id });
  expect(res.status).toBe(201);
  return res.headers.get('etag')!;
}

async function lastOutboxEvent(tenantId: string): Promise<OutboxEntry> {
  const out = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(contentService.table),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}#OUTBOX` }),
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  return outboxEntryFromImage(out.Items?.[0])!;
}

describe('the library', () => {
  it('is listed for every tenant, newest version, marked read-only, before their own', async () => {
    await cloneLibrary('fresh-a', fresh);
    const res = await fresh.get<{ items: Summary[] }>('/v1/playbooks');
    const ids = new Set(builtinPlaybooks.map((p) => p.id));
    const lib = res.json.items.filter((p) => p.source === 'library');
    expect(lib.map((p) => p.id).sort()).toEqual([...ids].sort());
    for (const p of lib) {
      expect(p.status).toBe('published');
      expect(p.latestVersion).toBe(findBuiltin(p.id)!.version);
    }
    expect(res.json.items.at(-1)).toMatchObject({ id: 'fresh-a', source: 'tenant' });
  });

  it('pages over the own playbooks with a cursor; the library leads the first page only', async () => {
    await cloneLibrary('fresh-b', fresh);
    await cloneLibrary('fresh-c', fresh);
    const first = await fresh.get<{ items: Summary[]; nextCursor: string | null }>(
      '/v1/playbooks?limit=2',
    );
    expect(first.json.items.filter((p) => p.source === 'tenant').map((p) => p.id)).toEqual([
      'fresh-a',
      'fresh-b',
    ]);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await fresh.get<{ items: Summary[]; nextCursor: string | null }>(
      `/v1/playbooks?limit=2&cursor=${first.json.nextCursor}`,
    );
    expect(second.json.items.map((p) => p.id)).toEqual(['fresh-c']);
    const forged = await other.get<Problem>(`/v1/playbooks?cursor=${first.json.nextCursor}`);
    expectProblem(forged, 422, 'validation');
  });

  it('reads like any playbook: summary, draft, versions and the exact version document', async () => {
    const read = await api.get<Summary & { draft: Draft }>(`/v1/playbooks/${LIBRARY_ID}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id: LIBRARY_ID, source: 'library', status: 'published' });
    expect(read.json.draft.content).toEqual(JSON.parse(JSON.stringify(libraryContent)));
    const versions = await api.get<{ items: Version[] }>(`/v1/playbooks/${LIBRARY_ID}/versions`);
    expect(versions.json.items.map((v) => v.version)).toContain(library.version);
    const doc = await api.get(`/v1/playbooks/${LIBRARY_ID}/versions/${library.version}`);
    expect(doc.text).toBe(JSON.stringify(library));
    const hash = versions.json.items.find((v) => v.version === library.version)!.hash;
    expect(doc.headers.get('etag')).toBe(`"${hash}"`);
    expect((await api.post(`/v1/playbooks/${LIBRARY_ID}/validate`)).json).toEqual({ valid: true });
  });

  it('refuses every write, saying to clone it', async () => {
    const draft = put<Problem>(api, `/v1/playbooks/${LIBRARY_ID}/draft`, { title: 'x' }, '"r1"');
    const publish = api.post<Problem>(`/v1/playbooks/${LIBRARY_ID}/publish`);
    for (const res of await Promise.all([draft, publish])) {
      expectProblem(res, 409, 'library-read-only');
      expect(res.json.detail).toMatch(/clone it/);
    }
    const taken = await api.post<Problem>('/v1/playbooks', { id: LIBRARY_ID, title: 'Mine' });
    expectProblem(taken, 409, 'conflict');
  });
});

describe('authoring a playbook', () => {
  let etag: string;

  it('clones the library: a draft with the same content and a record of its source', async () => {
    const res = await api.post<Summary>('/v1/playbooks', {
      cloneFrom: `${LIBRARY_ID}@${library.version}`,
      id: 'billing',
      title: 'Billing (our clinic)',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/playbooks/billing');
    expect(res.json).toMatchObject({
      id: 'billing',
      title: 'Billing (our clinic)',
      status: 'draft',
      source: 'tenant',
      clonedFrom: { id: LIBRARY_ID, version: library.version },
    });
    etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"r\d+"$/);
    const read = await api.get<Summary & { draft: Draft }>('/v1/playbooks/billing');
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.json.draft.content).toEqual(JSON.parse(JSON.stringify(libraryContent)));
  });

  it('refuses clones of nothing, and content beside cloneFrom', async () => {
    const missing = await api.post<Problem>('/v1/playbooks', { cloneFrom: `${LIBRARY_ID}@9.9.9` });
    expectProblem(missing, 422, 'validation');
    expect(missing.json.errors).toEqual([
      { pointer: 'body/cloneFrom', message: expect.stringContaining('9.9.9') },
    ]);
    const both = await api.post<Problem>('/v1/playbooks', { cloneFrom: LIBRARY_ID, content: {} });
    expect(both.json.errors?.map((e) => e.pointer)).toEqual(['body/content']);
  });

  it('replaces the draft only with the current ETag: 428 without one, 412 when stale', async () => {
    const read = await api.get<{ draft: Draft }>('/v1/playbooks/billing');
    const draft = { ...read.json.draft, description: 'For our front desk' };

    expectProblem(
      await put(api, '/v1/playbooks/billing/draft', draft),
      428,
      'precondition-required',
    );
    expectProblem(
      await put(api, '/v1/playbooks/billing/draft', draft, '"r999"'),
      412,
      'precondition-failed',
    );

    const saved = await put<{ draft: Draft }>(api, '/v1/playbooks/billing/draft', draft, etag);
    expect(saved.status).toBe(200);
    expect(saved.json.draft.description).toBe('For our front desk');
    const next = saved.headers.get('etag')!;
    expect(next).not.toBe(etag);
    // Someone else's save moved the ETag on: the old one no longer writes.
    const stale = await put<Problem>(
      api,
      '/v1/playbooks/billing/draft',
      { ...draft, title: 'Lost' },
      etag,
    );
    expectProblem(stale, 412, 'precondition-failed');
    expect((await api.get<Summary>('/v1/playbooks/billing')).json.title).toBe(
      'Billing (our clinic)',
    );
    etag = next;
  });

  it('validates the draft, listing every problem with a pointer into it', async () => {
    expect((await api.post('/v1/playbooks/billing/validate')).json).toEqual({ valid: true });
    const read = await api.get<{ draft: Draft }>('/v1/playbooks/billing');
    const content = structuredClone(read.json.draft.content) as typeof libraryContent;
    const sjt = content.items[0] as { key: { best: string } };
    sjt.key.best = 'z';
    content.sections[0]!.weight = 99;
    delete (content as Partial<typeof content>).timeLimitMinutes;
    const broken = await put(
      api,
      '/v1/playbooks/billing/draft',
      { title: 'Billing', content },
      etag,
    );
    expect(broken.status).toBe(200);
    etag = broken.headers.get('etag')!;

    const res = await api.post<Problem>('/v1/playbooks/billing/validate');
    expectProblem(res, 422, 'invalid-playbook');
    expect(res.json.errors?.map((e) => e.pointer)).toEqual(
      expect.arrayContaining([
        'body/content/timeLimitMinutes',
        'body/content/sections',
        'body/content/items/0/key/best',
      ]),
    );
    const publish = await api.post<Problem>('/v1/playbooks/billing/publish');
    expectProblem(publish, 422, 'invalid-playbook');
    expect(publish.json.errors).toEqual(res.json.errors);
    expect((await api.get<Version[]>('/v1/playbooks/billing/versions')).json).toEqual({
      items: [],
      nextCursor: null,
    });

    const fixed = await put(
      api,
      '/v1/playbooks/billing/draft',
      { title: 'Billing', content: libraryContent },
      etag,
    );
    etag = fixed.headers.get('etag')!;
  });

  it('publishes immutable semver versions with their content hash', async () => {
    const first = await api.post<Version>('/v1/playbooks/billing/publish');
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ id: 'billing', version: '1.0.0' });
    expect(first.json.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.headers.get('location')).toBe('/v1/playbooks/billing/versions/1.0.0');

    const patch = await api.post<Version>('/v1/playbooks/billing/publish', { bump: 'patch' });
    expect(patch.json.version).toBe('1.0.1');
    // Same draft, same document but for its version: the hash covers the version too.
    expect(patch.json.hash).not.toBe(first.json.hash);

    const stale = await api.post<Problem>('/v1/playbooks/billing/publish', undefined, {
      headers: { 'if-match': '"r1"' },
    });
    expectProblem(stale, 412, 'precondition-failed');
    const pinned = await api.post<Version>(
      '/v1/playbooks/billing/publish',
      { bump: 'major' },
      { headers: { 'if-match': etag } },
    );
    expect(pinned.json.version).toBe('2.0.0');
    const bad = await api.post<Problem>('/v1/playbooks/billing/publish', { bump: 'huge' });
    expect(bad.json.errors?.map((e) => e.pointer)).toEqual(['body/bump']);

    const list = await api.get<{ items: Version[] }>('/v1/playbooks/billing/versions');
    expect(list.json.items.map((v) => v.version)).toEqual(['1.0.0', '1.0.1', '2.0.0']);
    expect(list.json.items[0]).toEqual({ ...first.json });
    expect((await api.get<Summary>('/v1/playbooks/billing')).json).toMatchObject({
      status: 'published',
      latestVersion: '2.0.0',
    });
  });

  it('reads a published version back byte for byte, even after the draft changed', async () => {
    const before = await api.get('/v1/playbooks/billing/versions/1.0.0');
    expect(before.headers.get('content-type')).toBe('application/json');
    const read = await api.get<{ draft: Draft }>('/v1/playbooks/billing');
    const content = structuredClone(read.json.draft.content) as typeof libraryContent;
    content.sections[0]!.weight = 25;
    content.sections[1]!.weight = 20;
    (content.items[0] as { prompt: string }).prompt = 'A rewritten situation.';
    const saved = await put(
      api,
      '/v1/playbooks/billing/draft',
      { title: 'Billing v3', content },
      etag,
    );
    etag = saved.headers.get('etag')!;
    expect((await api.post<Version>('/v1/playbooks/billing/publish')).json.version).toBe('2.1.0');

    const after = await api.get('/v1/playbooks/billing/versions/1.0.0');
    expect(after.text).toBe(before.text);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(JSON.parse(after.text)).toMatchObject({ id: 'billing', version: '1.0.0' });
    const missing = await api.get<Problem>('/v1/playbooks/billing/versions/7.0.0');
    expectProblem(missing, 404, 'not-found');
  });

  it('diffs two versions: weights, changed items and fields', async () => {
    const res = await api.get<{
      from: { version: string };
      to: { version: string };
      identical: boolean;
      playbook: { pointer: string }[];
      sections: { weights: unknown[] };
      items: { changed: { id: string; fields: string[]; keyChanged: boolean }[] };
    }>('/v1/playbooks/billing/diff?from=2.0.0&to=2.1.0');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      from: { version: '2.0.0' },
      to: { version: '2.1.0' },
      identical: false,
    });
    expect(res.json.playbook).toEqual([{ pointer: '/title', from: 'Billing', to: 'Billing v3' }]);
    expect(res.json.sections.weights).toEqual([
      { section: library.sections[0]!.id, from: library.sections[0]!.weight, to: 25 },
      { section: library.sections[1]!.id, from: library.sections[1]!.weight, to: 20 },
    ]);
    expect(res.json.items.changed).toEqual([
      expect.objectContaining({ id: library.items[0]!.id, fields: ['prompt'], keyChanged: false }),
    ]);
    const same = await api.get<{ identical: boolean }>(
      '/v1/playbooks/billing/diff?from=1.0.0&to=1.0.0',
    );
    expect(same.json.identical).toBe(true);
    expectProblem(
      await api.get('/v1/playbooks/billing/diff?from=1.0.0&to=9.0.0'),
      404,
      'not-found',
    );
    const bad = await api.get<Problem>('/v1/playbooks/billing/diff?from=one');
    expect(bad.json.errors?.map((e) => e.pointer).sort()).toEqual(['query/from', 'query/to']);
  });

  it('clones its own drafts and versions', async () => {
    const fromDraft = await api.post<Summary>('/v1/playbooks', {
      cloneFrom: 'billing',
      id: 'billing-copy',
    });
    expect(fromDraft.json).toMatchObject({
      title: 'Billing v3',
      clonedFrom: { id: 'billing', version: null },
    });
    const fromVersion = await api.post<Summary>('/v1/playbooks', {
      cloneFrom: 'billing@1.0.0',
      title: 'Old',
    });
    expect(fromVersion.status).toBe(201);
    expect(fromVersion.json.id).toMatch(/^pb-[0-9a-z]{26}$/);
    const read = await api.get<{ draft: Draft }>(`/v1/playbooks/${fromVersion.json.id}`);
    expect(read.json.draft.content).toEqual(JSON.parse(JSON.stringify(libraryContent)));
  });
});

describe('forms', () => {
  const forbidden =
    /"(key|rationale|effectiveness|redFlag|redFlagIfBest|redFlags|criteria|steps|levels|terms|concepts|points|weight|hurdle|bands|tolerance|interview|anchors)"\s*:/;
  type Form = {
    seed: string;
    itemIds: string[];
    sampling: Record<string, number>;
    form: { items: unknown[] };
  };

  it('draws N of each pool from a seed, the same every time, without any key', async () => {
    const sampling = { [library.sections[0]!.id]: 3, [library.sections[1]!.id]: 4 };
    const a = await api.post<Form>('/v1/playbooks/billing/versions/1.0.0/forms', {
      seed: 'cand-42',
      sampling,
    });
    expect(a.status).toBe(200);
    expect(a.json.seed).toBe('cand-42');
    expect(a.json.sampling).toMatchObject(sampling);
    const total =
      library.items.length - library.items.filter((i) => i.section in sampling).length + 7;
    expect(a.json.itemIds).toHaveLength(total);
    expect(a.json.form.items).toHaveLength(total);
    expect(a.text).not.toMatch(forbidden);
    for (const item of library.items)
      if (item.rationale) expect(a.text).not.toContain(item.rationale);

    const b = await api.post<Form>('/v1/playbooks/billing/versions/1.0.0/forms', {
      seed: 'cand-42',
      sampling,
    });
    expect(b.text).toBe(a.text);
  });

  it('draws from library versions too, with a generated seed when none is given', async () => {
    const res = await api.post<Form>(
      `/v1/playbooks/${LIBRARY_ID}/versions/${library.version}/forms`,
    );
    expect(res.status).toBe(200);
    expect(res.json.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(res.json.itemIds).toHaveLength(library.items.length);
    expect(res.text).not.toMatch(forbidden);
  });

  it('refuses sampling it cannot draw, with pointers', async () => {
    const section = library.sections[0]!.id;
    const res = await api.post<Problem>('/v1/playbooks/billing/versions/1.0.0/forms', {
      sampling: { [section]: 99, nowhere: 1 },
    });
    expectProblem(res, 422, 'validation');
    expect(res.json.errors?.map((e) => e.pointer)).toEqual([
      `body/sampling/${section}`,
      'body/sampling/nowhere',
    ]);
  });
});

describe('tenancy and limits', () => {
  it("answers 404 for another tenant's playbook on every route, and writes nothing", async () => {
    const body = { title: 'x', content: {} };
    const results = await Promise.all([
      other.get('/v1/playbooks/billing'),
      put(other, '/v1/playbooks/billing/draft', body, '*'),
      other.post('/v1/playbooks/billing/validate'),
      other.post('/v1/playbooks/billing/publish'),
      other.get('/v1/playbooks/billing/versions'),
      other.get('/v1/playbooks/billing/versions/1.0.0'),
      other.get('/v1/playbooks/billing/diff?from=1.0.0&to=2.0.0'),
      other.post('/v1/playbooks/billing/versions/1.0.0/forms'),
    ]);
    for (const res of results) expectProblem(res, 404, 'not-found');
    const clone = await other.post<Problem>('/v1/playbooks', { cloneFrom: 'billing@1.0.0' });
    expect(clone.json.errors?.map((e) => e.pointer)).toEqual(['body/cloneFrom']);
    const own = (await other.get<{ items: Summary[] }>('/v1/playbooks')).json.items;
    expect(own.filter((p) => p.source === 'tenant')).toEqual([]);
    expect((await api.get<Summary>('/v1/playbooks/billing')).json.latestVersion).toBe('2.1.0');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const huge = { title: 'x', content: { summary: 'y'.repeat(1024 * 1024) } };
    const res = await put<Problem>(api, '/v1/playbooks/billing/draft', huge, await etag());
    expectProblem(res, 413, 'payload-too-large');
  });

  it('refuses too many items and overlong texts, pointing at each', async () => {
    const items = Array.from({ length: 301 }, (_, i) => ({ id: `i${i}` }));
    const res = await put<Problem>(
      api,
      '/v1/playbooks/billing/draft',
      { title: 'x', content: { items, summary: 'z'.repeat(20_001) } },
      await etag(),
    );
    expectProblem(res, 422, 'limits');
    expect(res.json.errors?.map((e) => e.pointer)).toEqual([
      'body/content/items',
      'body/content/summary',
    ]);
    const created = await api.post<Problem>('/v1/playbooks', { title: 'x', content: { items } });
    expectProblem(created, 422, 'limits');
  });

  async function etag(): Promise<string> {
    return (await api.get('/v1/playbooks/billing')).headers.get('etag')!;
  }
});

describe('playbook.published', () => {
  it('carries the whole version inline when it fits', async () => {
    const event = await lastOutboxEvent(stack.demo.tenantId);
    const data = (event.detail as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ playbookId: 'billing', version: '2.1.0' });
    const doc = await api.get('/v1/playbooks/billing/versions/2.1.0');
    expect(data.playbook).toEqual(JSON.parse(doc.text));
  });

  it('carries a claim check for a version over 200 KB, which scoring resolves', async () => {
    const filler = Array.from({ length: 100 }, (_, i) => ({
      ...library.items.find((item) => item.type === 'detail')!,
      id: `filler-${i}`,
      prompt: `Filler prompt ${i}: ${'lorem ipsum '.repeat(180)}`,
    }));
    const content = { ...libraryContent, items: [...libraryContent.items, ...filler] };
    const created = await api.post('/v1/playbooks', {
      id: 'oversized',
      title: 'Oversized',
      content,
    });
    expect(created.status).toBe(201);
    const published = await api.post<Version>('/v1/playbooks/oversized/publish');
    expect(published.status).toBe(201);

    const event = await lastOutboxEvent(stack.demo.tenantId);
    const data = (event.detail as { data: Record<string, unknown> }).data;
    expect(data.playbook).toBeUndefined();
    expect(data.playbookRef).toMatchObject({
      claimId: expect.stringMatching(/^sha256:/),
      chunks: 1,
    });
    expect(JSON.stringify(event.detail).length).toBeLessThan(2000);
    expect((data.playbookRef as { bytes: number }).bytes).toBeGreaterThan(200 * 1024);

    await stack.settle();
    const rubrics = await api.get<{ items: { version: string; hash: string }[] }>(
      '/v1/rubrics/oversized/versions',
    );
    expect(rubrics.json.items).toEqual([
      expect.objectContaining({ version: '1.0.0', hash: published.json.hash }),
    ]);
  });
});
