import type { RouteDefinition, ServiceManifest } from '@assay/platform/manifest';

export interface RouteMatch<T> {
  route: RouteDefinition;
  target: T;
  pathParameters: Record<string, string>;
}

interface CompiledRoute<T> {
  route: RouteDefinition;
  target: T;
  pattern: RegExp;
  names: string[];
}

/**
 * Matches requests to manifest routes the way API Gateway does: literal segments beat
 * `{param}` segments, a parameter matches one whole non-empty segment.
 */
export class RouteTable<T> {
  private readonly routes: CompiledRoute<T>[] = [];

  add(service: ServiceManifest, target: T): void {
    for (const route of service.routes) {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(param[1]!);
          return '([^/]+)';
        })
        .join('/');
      this.routes.push({ route, target, pattern: new RegExp(`^${source}$`), names });
    }
    // Most literal characters first, so /v1/playbooks/mine would win over /v1/playbooks/{id}.
    this.routes.sort((a, b) => literalLength(b.route.path) - literalLength(a.route.path));
  }

  /** The route for method + path; `allowed` lists methods when only the path matched. */
  match(method: string, path: string): { found?: RouteMatch<T>; allowed: string[] } {
    const allowed: string[] = [];
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      if (r.route.method !== method) {
        allowed.push(r.route.method);
        continue;
      }
      const pathParameters: Record<string, string> = {};
      r.names.forEach((name, i) => (pathParameters[name] = decodeURIComponent(m[i + 1]!)));
      return { found: { route: r.route, target: r.target, pathParameters }, allowed };
    }
    return { allowed };
  }
}

function literalLength(path: string): number {
  return path.replace(/\{\w+\}/g, '').length;
}
