import { decodeCursor, dynamoClient, encodeCursor, httpHandler } from '@assay/platform';
import { contentService } from '../service';
import { ContentStore } from '../store';
import { createPlaybook, getPlaybook, publishPlaybook, summary } from '../domain/playbooks';
import openApiDocument from '../generated/openapi.json' with { type: 'json' };

const store = new ContentStore(dynamoClient());

export const handler = httpHandler(contentService, {
  getHealth: async () => ({ status: 200, body: { status: 'ok' } }),
  getOpenApi: async () => ({ status: 200, body: openApiDocument }),
  createPlaybook: async ({ tenantId, body }) => {
    const record = await createPlaybook(store, tenantId, body);
    return {
      status: 201,
      body: summary(record),
      headers: { location: `/v1/playbooks/${record.id}` },
    };
  },
  listPlaybooks: async ({ tenantId, query }) => {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, tenantId);
    const page = await store.list(tenantId, query.limit, cursor);
    return {
      status: 200,
      body: {
        items: page.items.map(summary),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      },
    };
  },
  getPlaybook: async ({ tenantId, params }) => {
    const record = await getPlaybook(store, tenantId, params.id);
    return { status: 200, body: { ...summary(record), draft: record.draft } };
  },
  publishPlaybook: async ({ tenantId, params, correlationId }) => {
    const version = await publishPlaybook(store, tenantId, params.id, { tenantId, correlationId });
    return {
      status: 201,
      body: version,
      headers: { location: `/v1/playbooks/${params.id}/versions/${version.version}` },
    };
  },
});
