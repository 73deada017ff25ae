import { randomBytes } from 'node:crypto';
import { decodeCursor, dynamoClient, encodeCursor, httpHandler } from '@assay/platform';
import { contentService } from '../service';
import { ContentStore } from '../store';
import {
  createPlaybook,
  etag,
  getVersion,
  listPlaybooks,
  listVersions,
  publishPlaybook,
  readPlaybook,
  replaceDraft,
  summary,
  validateDraft,
  versionPlaybook,
} from '../domain/playbooks';
import { diffPlaybooks } from '../domain/diff';
import { drawCandidateForm } from '../domain/forms';
import { LIMITS } from '../domain/limits';
import openApiDocument from '../generated/openapi.json' with { type: 'json' };

const store = new ContentStore(dynamoClient());

export const handler = httpHandler(
  contentService,
  {
    getHealth: async () => ({ status: 200, body: { status: 'ok' } }),
    getOpenApi: async () => ({ status: 200, body: openApiDocument }),
    createPlaybook: async ({ tenantId, body }) => {
      const record = await createPlaybook(store, tenantId, body);
      return {
        status: 201,
        body: summary(record),
        headers: { location: `/v1/playbooks/${record.id}`, etag: etag(record) },
      };
    },
    listPlaybooks: async ({ tenantId, query }) => {
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, tenantId);
      const page = await listPlaybooks(store, tenantId, query.limit, cursor);
      return {
        status: 200,
        body: { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null },
      };
    },
    getPlaybook: async ({ tenantId, params }) => {
      const { etag, ...playbook } = await readPlaybook(store, tenantId, params.id);
      return { status: 200, body: playbook, headers: etag ? { etag } : undefined };
    },
    replacePlaybookDraft: async ({ tenantId, params, body, headers }) => {
      const record = await replaceDraft(store, tenantId, params.id, body, headers['if-match']);
      return {
        status: 200,
        body: { ...summary(record), draft: record.draft },
        headers: { etag: etag(record) },
      };
    },
    validatePlaybookDraft: async ({ tenantId, params }) => ({
      status: 200,
      body: await validateDraft(store, tenantId, params.id),
    }),
    publishPlaybook: async ({ tenantId, params, body, headers, correlationId }) => {
      const version = await publishPlaybook(
        store,
        tenantId,
        params.id,
        { bump: body?.bump, ifMatch: headers['if-match'] },
        { tenantId, correlationId },
      );
      return {
        status: 201,
        body: version,
        headers: { location: `/v1/playbooks/${params.id}/versions/${version.version}` },
      };
    },
    listPlaybookVersions: async ({ tenantId, params, query }) => {
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, tenantId);
      const page = await listVersions(store, tenantId, params.id, query.limit, cursor);
      return {
        status: 200,
        body: { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null },
      };
    },
    getPlaybookVersion: async ({ tenantId, params }) => {
      const found = await getVersion(store, tenantId, params.id, params.version);
      // The stored text itself, never re-serialised: every read is byte-identical.
      return {
        status: 200,
        body: found.document,
        headers: { 'content-type': 'application/json', etag: `"${found.hash}"` },
      };
    },
    diffPlaybookVersions: async ({ tenantId, params, query }) => {
      const [from, to] = await Promise.all([
        versionPlaybook(store, tenantId, params.id, query.from),
        versionPlaybook(store, tenantId, params.id, query.to),
      ]);
      return {
        status: 200,
        body: {
          id: params.id,
          from: { version: from.version, hash: from.hash },
          to: { version: to.version, hash: to.hash },
          ...diffPlaybooks(from.playbook, to.playbook),
        },
      };
    },
    drawPlaybookForm: async ({ tenantId, params, body }) => {
      const found = await versionPlaybook(store, tenantId, params.id, params.version);
      const drawn = drawCandidateForm(found.playbook, {
        seed: body.seed ?? randomBytes(16).toString('hex'),
        sampling: body.sampling,
      });
      return {
        status: 200,
        body: { playbookId: params.id, version: found.version, hash: found.hash, ...drawn },
      };
    },
  },
  { maxBodyBytes: LIMITS.bodyBytes },
);
