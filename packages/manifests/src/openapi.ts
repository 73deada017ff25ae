import { z } from 'zod';
import type { RouteDefinition, ServiceManifest } from '@assay/platform/manifest';

type JsonSchema = Record<string, unknown>;

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'message'],
        properties: { pointer: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parameters(route: RouteDefinition): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        schema: prop,
      });
    }
  }
  return out;
}

function problemResponses(route: RouteDefinition): Record<string, JsonSchema> {
  const ref = {
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  const statuses: Record<string, string> = {};
  if (route.body)
    Object.assign(statuses, { 400: 'Malformed JSON', 413: 'Body too large', 415: 'Not JSON' });
  if (route.body || route.params || route.query)
    statuses[422] = 'Invalid fields (each named in `errors`)';
  if (route.auth.kind !== 'public')
    Object.assign(statuses, { 401: 'Missing, unknown or revoked credentials' });
  if (route.auth.kind === 'tenant') Object.assign(statuses, { 403: 'The key lacks the scope' });
  if (route.params) statuses[404] = "Not found (also another tenant's resource)";
  return Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [status, { description, ...ref }]),
  );
}

/** The OpenAPI 3.1 document of every manifest route: served at /v1/openapi.json. */
export function openApiDocument(services: readonly ServiceManifest[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const service of services) {
    for (const route of service.routes) {
      const operation: JsonSchema = {
        operationId: route.operationId,
        summary: route.summary,
        tags: [service.name],
        ...(route.auth.kind === 'public' ? { security: [] } : {}),
        ...(route.auth.kind === 'tenant'
          ? { security: [{ apiKey: [] }], 'x-scope': route.auth.scope }
          : {}),
        ...(route.auth.kind === 'candidate' ? { security: [{ candidateToken: [] }] } : {}),
        parameters: parameters(route),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
              },
            }
          : {}),
        responses: {
          [route.response.status]: {
            description: route.summary,
            ...(route.response.body
              ? {
                  content: {
                    'application/json': { schema: schemaOf(route.response.body, 'output') },
                  },
                }
              : {}),
          },
          ...problemResponses(route),
        },
      };
      (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Assay API',
      version: '1.0.0',
      description:
        'Skills assessments scored by deterministic, explainable rubrics. Errors are RFC 9457 problems.',
    },
    servers: [{ url: '/' }],
    paths: Object.fromEntries(
      Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'Tenant API key: ak_<region>_<keyId>_<secret>',
        },
        candidateToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Candidate token from an invitation link',
        },
      },
      schemas: { Problem: problemSchema },
    },
  };
}

/** Where the generated document is committed: the content service serves it. */
export const OPENAPI_FILE = new URL(
  '../../../services/content/src/generated/openapi.json',
  import.meta.url,
);

export function openApiText(services: readonly ServiceManifest[]): string {
  return `${JSON.stringify(openApiDocument(services), null, 2)}\n`;
}
