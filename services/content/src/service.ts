import { z } from 'zod';
import { playbookPublished } from '@assay/events';
import { defineService } from '@assay/platform/manifest';

const playbookId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lowercase letters, digits and dashes (2–64)');
const idParams = z.object({ id: playbookId });

export const playbookDraftBody = z.strictObject({
  id: playbookId.optional().describe('Your id for the playbook; generated when absent'),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  content: z.record(z.string(), z.unknown()).default({}).describe('The playbook document'),
});

export const playbookSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  latestVersion: z.string().nullable(),
  updatedAt: z.string(),
});

export const publishedVersion = z.object({
  id: z.string(),
  version: z.string(),
  hash: z.string(),
  publishedAt: z.string(),
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
      summary: 'Create a draft playbook',
      body: playbookDraftBody,
      response: { status: 201, body: playbookSummary },
    },
    {
      operationId: 'listPlaybooks',
      method: 'GET',
      path: '/v1/playbooks',
      auth: { kind: 'tenant', scope: 'read' },
      summary: "List the tenant's playbooks",
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(25),
        cursor: z.string().optional(),
      }),
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
      summary: 'Read a playbook and its draft',
      params: idParams,
      response: { status: 200, body: playbookSummary.extend({ draft: playbookDraftBody }) },
    },
    {
      operationId: 'publishPlaybook',
      method: 'POST',
      path: '/v1/playbooks/{id}/publish',
      auth: { kind: 'tenant', scope: 'write' },
      summary: 'Publish the draft as a new immutable version',
      params: idParams,
      response: { status: 201, body: publishedVersion },
    },
  ],
  publishes: [playbookPublished],
  subscribes: [],
});
