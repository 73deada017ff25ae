import { z } from 'zod';

/** Every event's `source` is `assay.<service>`. */
export type EventSource = `assay.${string}`;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The envelope every event's `detail` carries, around its type-specific `data`. */
export function envelopeSchema<T extends z.ZodType>(type: string, version: number, data: T) {
  return z.object({
    eventId: z.string().regex(ULID, 'must be a ULID'),
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: z.iso.datetime(),
    tenantId: z.string().min(1),
    correlationId: z.string().min(1),
    causationId: z.string().min(1).optional(),
    data,
  });
}

/** The native EventBridge pattern a rule matches this event with (JSON as AWS takes it). */
export interface NativePattern {
  source: string[];
  'detail-type': string[];
  detail?: Record<string, unknown>;
}

/** The same pattern in aws-cdk-lib's `aws_events.EventPattern` spelling. */
export interface CdkPattern {
  source: string[];
  detailType: string[];
  detail?: Record<string, unknown>;
}

export interface EventDefinition<T extends z.ZodType = z.ZodType> {
  /** detail-type, e.g. `playbook.published`. */
  readonly type: string;
  readonly version: number;
  readonly source: EventSource;
  readonly description: string;
  /** Schema of `data` alone. */
  readonly data: T;
  /** Schema of the whole `detail` (envelope + data). */
  readonly detail: ReturnType<typeof envelopeSchema<T>>;
  readonly pattern: NativePattern;
  readonly cdkPattern: CdkPattern;
}

export type EventDetail<E extends EventDefinition> = z.infer<E['detail']>;
export type EventData<E extends EventDefinition> = z.infer<E['data']>;

/**
 * One definition gives the zod schema producers validate with and consumers parse with, and
 * the patterns CDK rules and the local bus match with, so nothing retypes source or type.
 */
export function defineEvent<T extends z.ZodType>(def: {
  type: string;
  version: number;
  source: EventSource;
  description: string;
  data: T;
}): EventDefinition<T> {
  return {
    ...def,
    detail: envelopeSchema(def.type, def.version, def.data),
    pattern: { source: [def.source], 'detail-type': [def.type] },
    cdkPattern: { source: [def.source], detailType: [def.type] },
  };
}
