import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { services } from '../src/index';
import { OPENAPI_FILE, openApiDocument, openApiText } from '../src/openapi';

describe('OpenAPI document', () => {
  it('is committed exactly as the manifests generate it (run `pnpm openapi` after changing routes)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText(services));
  });

  it('has one operation per manifest route and nothing else', () => {
    const doc = openApiDocument(services) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`,
      ),
    );
    const declared = services.flatMap((s) =>
      s.routes.map((r) => `${r.method} ${r.path} ${r.operationId}`),
    );
    expect(documented.sort()).toEqual(declared.sort());
  });

  it('has unique operation ids', () => {
    const ids = services.flatMap((s) => s.routes.map((r) => r.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
