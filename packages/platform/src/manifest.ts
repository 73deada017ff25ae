import type { z } from 'zod';
import type { EventDefinition } from '@assay/events';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Scope = 'read' | 'write' | 'admin';

/** Who may call a route: anyone, a tenant API key with a scope, or a candidate token. */
export type RouteAuth =
  { kind: 'public' } | { kind: 'tenant'; scope: Scope } | { kind: 'candidate' };

export interface RouteDefinition {
  /** Unique across services; names the operation in the handler map and in OpenAPI. */
  operationId: string;
  method: HttpMethod;
  /** API Gateway style path, e.g. `/v1/playbooks/{id}`. */
  path: string;
  auth: RouteAuth;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and body schema (for OpenAPI and response checks in tests). */
  response: { status: number; body?: z.ZodType };
}

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

/** A DynamoDB table: string keys `pk`/`sk`, optional GSIs, TTL and a stream for the outbox. */
export interface TableDefinition {
  /** Logical name; the physical name is `assay-<stage>-<name>` (see tableName()). */
  name: string;
  indexes: IndexDefinition[];
  ttlAttribute?: string;
  /** True when the table holds an outbox whose stream feeds the event bus. */
  outbox: boolean;
}

export interface Subscription {
  event: EventDefinition;
  /** Key in the service's event handler map. */
  handler: string;
}

/** One service's declaration; CDK, the local runtime, OpenAPI and route tests all read it. */
export interface ServiceManifest {
  name: string;
  table: TableDefinition;
  /**
   * Further tables of the service, for high-write data no event is derived from (answer autosaves):
   * no stream, so the outbox relay never reads through them. Never `outbox: true`.
   */
  extraTables?: readonly TableDefinition[];
  routes: readonly RouteDefinition[];
  publishes: readonly EventDefinition[];
  subscribes: readonly Subscription[];
  /** Module paths (relative to the service root) of the Lambda entry points. */
  handlers: { http?: string; events?: string };
  /** Platform capabilities beyond its own table; CDK grants exactly these. */
  uses?: {
    /** Its HTTP functions issue candidate tokens into the tenant registry. */
    candidateTokens?: boolean;
    /**
     * It books one-time EventBridge Scheduler schedules, and what they do when due: put an event
     * on the bus (session deadlines) or invoke its own events function (webhook retries). CDK
     * creates only the role (and, for invocations, the dead-letter queue) that target needs.
     */
    schedules?: 'put-events' | 'invoke-events-function';
  };
}

export function defineService<const M extends ServiceManifest>(manifest: M): M {
  return manifest;
}

/** The physical table name for a stage; CDK and the local bootstrap both call this. */
export function tableName(
  table: TableDefinition,
  stage = process.env.ASSAY_STAGE ?? 'local',
): string {
  return `assay-${stage}-${table.name}`;
}
