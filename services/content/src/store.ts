import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createEvent, playbookPublished, type EnvelopeContext } from '@assay/events';
import { claimWrites, needsClaimCheck, tableName, transactWithEvents } from '@assay/platform';
import { contentService } from './service';
import { versionSortKey } from './domain/versions';

/**
 * The content table. Every key starts with the tenant:
 *   pk T#<tenant>  sk PB#<id>               playbook summary + current draft
 *   pk T#<tenant>  sk PBV#<id>#<sortable>   one immutable published version
 * Documents are stored as JSON text so a published version reads back byte for byte.
 */
export interface PlaybookDraft {
  title: string;
  description?: string;
  content: Record<string, unknown>;
}

export interface ClonedFrom {
  id: string;
  /** null when cloned from another playbook's draft. */
  version: string | null;
}

export interface PlaybookRecord {
  id: string;
  title: string;
  status: 'draft' | 'published';
  latestVersion: string | null;
  /** Moves on with every draft write; the ETag of the draft. */
  revision: number;
  clonedFrom: ClonedFrom | null;
  createdAt: string;
  updatedAt: string;
  draft: PlaybookDraft;
}

export interface PublishedVersion {
  id: string;
  version: string;
  hash: string;
  publishedAt: string;
  document: string;
}

export type VersionSummary = Omit<PublishedVersion, 'document'>;

export class PlaybookExistsError extends Error {}
export class StaleWriteError extends Error {}

type Key = Record<string, AttributeValue>;

export class ContentStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(contentService.table),
  ) {}

  async createDraft(
    tenantId: string,
    id: string,
    draft: PlaybookDraft,
    clonedFrom: ClonedFrom | null,
    now: Date,
  ): Promise<PlaybookRecord> {
    const record: PlaybookRecord = {
      id,
      title: draft.title,
      status: 'draft',
      latestVersion: null,
      revision: 1,
      clonedFrom,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      draft,
    };
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: toSummaryItem(tenantId, record),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new PlaybookExistsError(id);
      throw err;
    }
    return record;
  }

  async get(tenantId: string, id: string): Promise<PlaybookRecord | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `T#${tenantId}`, sk: `PB#${id}` }),
        ConsistentRead: true,
      }),
    );
    return out.Item ? fromSummaryItem(out.Item) : undefined;
  }

  async list(
    tenantId: string,
    limit: number,
    cursor?: Key,
  ): Promise<{ items: PlaybookRecord[]; next?: Key }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}`, ':prefix': 'PB#' }),
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    return { items: (out.Items ?? []).map(fromSummaryItem), next: out.LastEvaluatedKey };
  }

  /** Replaces the draft only if nobody wrote it since `record` was read. */
  async replaceDraft(
    tenantId: string,
    record: PlaybookRecord,
    draft: PlaybookDraft,
    now: Date,
  ): Promise<PlaybookRecord> {
    const updated: PlaybookRecord = {
      ...record,
      title: draft.title,
      draft,
      revision: record.revision + 1,
      updatedAt: now.toISOString(),
    };
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: toSummaryItem(tenantId, updated),
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: marshall({ ':expected': record.revision }),
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new StaleWriteError(record.id);
      throw err;
    }
    return updated;
  }

  /**
   * Writes the new version, moves the summary on (only if the draft is still the one that was
   * validated) and queues `playbook.published`, all in one transaction. A version too large
   * for the bus travels as a claim check, written in the same transaction.
   */
  async publish(
    tenantId: string,
    record: PlaybookRecord,
    version: PublishedVersion,
    ctx: EnvelopeContext,
    now: Date,
  ): Promise<PlaybookRecord> {
    const { document, ...meta } = version;
    const base = {
      playbookId: record.id,
      version: meta.version,
      hash: meta.hash,
      title: record.draft.title,
      publishedAt: meta.publishedAt,
    };
    const claims: TransactWriteItem[] = [];
    let event = createEvent(
      playbookPublished,
      ctx,
      { ...base, playbook: JSON.parse(document) as Record<string, unknown> },
      now,
    );
    if (needsClaimCheck(event)) {
      const claim = claimWrites(tenantId, document);
      claims.push(...claim.writes);
      event = createEvent(playbookPublished, ctx, { ...base, playbookRef: claim.ref }, now);
    }
    // Publishing does not touch the draft, so the revision (the draft's ETag) stays.
    const updated: PlaybookRecord = {
      ...record,
      status: 'published',
      latestVersion: meta.version,
      updatedAt: now.toISOString(),
    };
    try {
      await transactWithEvents(
        this.db,
        this.table,
        [
          {
            Put: {
              TableName: this.table,
              Item: marshall({ ...versionKey(tenantId, record.id, meta.version), ...version }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.table,
              Item: toSummaryItem(tenantId, updated),
              ConditionExpression: 'revision = :expected',
              ExpressionAttributeValues: marshall({ ':expected': record.revision }),
            },
          },
          ...claims,
        ],
        [{ def: playbookPublished, detail: event }],
      );
    } catch (err) {
      if (err instanceof TransactionCanceledException) throw new StaleWriteError(record.id);
      throw err;
    }
    return updated;
  }

  async getVersion(
    tenantId: string,
    id: string,
    version: string,
  ): Promise<PublishedVersion | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall(versionKey(tenantId, id, version)),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...stored } = unmarshall(out.Item);
    return stored as PublishedVersion;
  }

  /** Versions oldest first, without their documents. */
  async listVersions(
    tenantId: string,
    id: string,
    limit: number,
    cursor?: Key,
  ): Promise<{ items: VersionSummary[]; next?: Key }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}`, ':prefix': `PBV#${id}#` }),
        ProjectionExpression: 'id, version, #h, publishedAt',
        ExpressionAttributeNames: { '#h': 'hash' },
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    return {
      items: (out.Items ?? []).map((i) => unmarshall(i) as VersionSummary),
      next: out.LastEvaluatedKey,
    };
  }
}

function versionKey(tenantId: string, id: string, version: string) {
  return { pk: `T#${tenantId}`, sk: `PBV#${id}#${versionSortKey(version)}` };
}

function toSummaryItem(tenantId: string, r: PlaybookRecord): Key {
  const { draft, ...rest } = r;
  return marshall(
    { pk: `T#${tenantId}`, sk: `PB#${r.id}`, ...rest, draft: JSON.stringify(draft) },
    { removeUndefinedValues: true },
  );
}

function fromSummaryItem(item: Key): PlaybookRecord {
  const raw = unmarshall(item);
  return {
    id: raw.id,
    title: raw.title,
    status: raw.status,
    latestVersion: raw.latestVersion ?? null,
    revision: Number(raw.revision),
    clonedFrom: raw.clonedFrom ?? null,
    createdAt: raw.createdAt,
    updatedAt: raw.updatedAt,
    draft: JSON.parse(raw.draft) as PlaybookDraft,
  };
}
