import { z } from 'zod';
import { playbookPublished } from '@assay/events';
import { defineService } from '@assay/platform/manifest';
import { playbookDiff } from './domain/diff';
import type { CreateInput } from './domain/playbooks';

const playbookId = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters and digits in dash-separated words');
const semver = z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0');
const idParams = z.object({ id: playbookId });
const versionParams = idParams.extend({ version: semver });
const page = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().optional(),
};

const title = z.string().trim().min(1).max(200);
const description = z.string().max(5000);
const content = z.record(z.string(), z.unknown()).describe('The playbook document');

/** The draft an author edits; PUT replaces it whole. */
export const playbookDraftBody = z.strictObject({
  title,
  description: description.optional(),
  content: content.default({}),
});

export const createPlaybookBody = z
  .strictObject({
    id: playbookId.optional().describe('Your id for the playbook; generated when absent'),
    cloneFrom: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:@\d+\.\d+\.\d+)?$/, 'a playbook id or id@version')
      .optional()
      .describe(
        'Copy a library playbook (its newest version), a published version (`id@1.2.0`) or one of your drafts',
      ),
    title: title.optional().describe('Required unless cloning; a clone keeps its source title'),
    description: description.optional(),
    content: content.optional().describe('The playbook document; not with cloneFrom'),
  })
  .transform((b, ctx): CreateInput => {
    const { id, cloneFrom, title, description, content } = b;
    if (cloneFrom !== undefined) {
      if (content === undefined) return { id, cloneFrom, title, description };
      ctx.issues.push({
        code: 'custom',
        path: ['content'],
        input: content,
        message:
          'cannot be combined with cloneFrom; edit the clone with PUT /v1/playbooks/{id}/draft',
      });
      return z.NEVER;
    }
    if (title !== undefined) return { id, title, description, content: content ?? {} };
    ctx.issues.push({
      code: 'custom',
      path: ['title'],
      input: b,
      message: 'required unless cloneFrom is given',
    });
    return z.NEVER;
  });

export const playbookSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  latestVersion: z.string().nullable(),
  updatedAt: z.string().nullable().describe('null for library playbooks'),
  source: z.enum(['library', 'tenant']).describe('library playbooks are read-only: clone them'),
  clonedFrom: z
    .object({ id: z.string(), version: z.string().nullable() })
    .nullable()
    .describe('What this playbook was cloned from (version null: a draft)'),
});

const playbookWithDraft = playbookSummary.extend({ draft: playbookDraftBody });

export const publishedVersion = z.object({
  id: z.string(),
  version: z.string(),
  hash: z.string().describe('sha256 of the canonical JSON of the published playbook'),
  publishedAt: z.string(),
});
const versionSummary = publishedVersion.extend({
  publishedAt: z.string().nullable().describe('null for library versions'),
});

const drawnForm = z.object({
  playbookId: z.string(),
  version: z.string(),
  hash: z.string(),
  seed: z.string().describe('Record it: the same seed draws the same form again'),
  sampling: z.record(z.string(), z.number()).describe('Items drawn per section'),
  itemIds: z.array(z.string()),
  form: z.record(z.string(), z.unknown()).describe('What the candidate sees: no keys or rubrics'),
});

export const contentService = defineService({
  name: 'content',
  table: { name: 'content', indexes: [], ttlAttribute: 'ttl', outbox: true },
  handlers: { http: 'src/handlers/http.ts' },
  routes: [
    {
      operationId: 'getHealth',
      method: 'GET',
      path: '/health',
      auth: { kind: 'public' },
      summary: 'Liveness of the API',
      response: { status: 200, body: z.object({ status: z.literal('ok') }) },
    },
    {
      operationId: 'getOpenApi',
      method: 'GET',
      path: '/v1/openapi.json',
      auth: { kind: 'public' },
      summary: 'This API as an OpenAPI 3.1 document',
      response: { status: 200 },
    },
    {
      operationId: 'createPlaybook',
      method: 'POST',
      path: '/v1/playbooks',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'Create a draft playbook from scratch or as a clone (answers with its ETag)',
      body: createPlaybookBody,
      response: { status: 201, body: playbookSummary },
    },
    {
      operationId: 'listPlaybooks',
      method: 'GET',
      path: '/v1/playbooks',
      auth: { kind: 'tenant', scope: 'read' },
      summary:
        "The library (on the first page) and the tenant's own playbooks; limit and cursor page the own ones",
      query: z.object(page),
      response: {
        status: 200,
        body: z.object({ items: z.array(playbookSummary), nextCursor: z.string().nullable() }),
      },
    },
    {
      operationId: 'getPlaybook',
      method: 'GET',
      path: '/v1/playbooks/{id}',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'Read a playbook and its draft (own playbooks answer with the ETag of the draft)',
      params: idParams,
      response: { status: 200, body: playbookWithDraft },
    },
    {
      operationId: 'replacePlaybookDraft',
      method: 'PUT',
      path: '/v1/playbooks/{id}/draft',
      auth: { kind: 'tenant', scope: 'write' },
      summary:
        'Replace the draft whole; requires If-Match with the ETag last read (428 without, 412 when stale)',
      params: idParams,
      body: playbookDraftBody,
      response: { status: 200, body: playbookWithDraft },
    },
    {
      operationId: 'validatePlaybookDraft',
      method: 'POST',
      path: '/v1/playbooks/{id}/validate',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'Check the draft as publishing would: 200, or 422 listing every problem',
      params: idParams,
      response: { status: 200, body: z.object({ valid: z.literal(true) }) },
    },
    {
      operationId: 'publishPlaybook',
      method: 'POST',
      path: '/v1/playbooks/{id}/publish',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'Publish the draft as a new immutable version (optional If-Match pins the draft)',
      params: idParams,
      body: z
        .strictObject({
          bump: z
            .enum(['major', 'minor', 'patch'])
            .optional()
            .describe('Which part of the version to raise; minor when absent, 1.0.0 first'),
        })
        .optional(),
      response: { status: 201, body: publishedVersion },
    },
    {
      operationId: 'listPlaybookVersions',
      method: 'GET',
      path: '/v1/playbooks/{id}/versions',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'Published versions, oldest first',
      params: idParams,
      query: z.object(page),
      response: {
        status: 200,
        body: z.object({ items: z.array(versionSummary), nextCursor: z.string().nullable() }),
      },
    },
    {
      operationId: 'getPlaybookVersion',
      method: 'GET',
      path: '/v1/playbooks/{id}/versions/{version}',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'A published version, byte for byte as published (ETag: its hash)',
      params: versionParams,
      response: {
        status: 200,
        body: z.record(z.string(), z.unknown()).describe('The playbook document'),
      },
    },
    {
      operationId: 'diffPlaybookVersions',
      method: 'GET',
      path: '/v1/playbooks/{id}/diff',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'What changed between two published versions',
      params: idParams,
      query: z.object({ from: semver, to: semver }),
      response: {
        status: 200,
        body: playbookDiff.extend({
          id: z.string(),
          from: z.object({ version: z.string(), hash: z.string() }),
          to: z.object({ version: z.string(), hash: z.string() }),
        }),
      },
    },
    {
      operationId: 'drawPlaybookForm',
      method: 'POST',
      path: '/v1/playbooks/{id}/versions/{version}/forms',
      auth: { kind: 'tenant', scope: 'read' },
      summary: 'Draw an assessment form (N of each section’s items, reproducible from the seed)',
      params: versionParams,
      body: z
        .strictObject({
          seed: z.string().min(1).max(200).optional().describe('Generated when absent'),
          sampling: z
            .record(z.string(), z.number())
            .optional()
            .describe('Items to draw per section id; other sections give every item'),
        })
        .default({}),
      response: { status: 200, body: drawnForm },
    },
  ],
  publishes: [playbookPublished],
  subscribes: [],
});
