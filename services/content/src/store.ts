import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createEvent, playbookPublished, type EnvelopeContext } from '@assay/events';
import { tableName, transactWithEvents } from '@assay/platform';
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

export interface PlaybookRecord {
  id: string;
  title: string;
  status: 'draft' | 'published';
  latestVersion: string | null;
  revision: number;
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

export class PlaybookExistsError extends Error {}
export class StaleWriteError extends Error {}

export class ContentStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(contentService.table),
  ) {}

  async createDraft(
    tenantId: string,
    id: string,
    draft: PlaybookDraft,
    now: Date,
  ): Promise<PlaybookRecord> {
    const record: PlaybookRecord = {
      id,
      title: draft.title,
      status: 'draft',
      latestVersion: null,
      revision: 1,
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
        Key: summaryKey(tenantId, id),
        ConsistentRead: true,
      }),
    );
    return out.Item ? fromSummaryItem(out.Item) : undefined;
  }

  async list(
    tenantId: string,
    limit: number,
    cursor?: Record<string, AttributeValue>,
  ): Promise<{ items: PlaybookRecord[]; next?: Record<string, AttributeValue> }> {
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

  /**
   * Writes the new version, moves the summary on (only if nobody else changed it since it was
   * read) and queues `playbook.published`, all in one transaction.
   */
  async publish(
    tenantId: string,
    record: PlaybookRecord,
    version: PublishedVersion,
    ctx: EnvelopeContext,
    now: Date,
  ): Promise<void> {
    const event = createEvent(
      playbookPublished,
      ctx,
      {
        playbookId: record.id,
        version: version.version,
        hash: version.hash,
        title: record.draft.title,
        publishedAt: version.publishedAt,
        playbook: JSON.parse(version.document) as Record<string, unknown>,
      },
      now,
    );
    const updated: PlaybookRecord = {
      ...record,
      status: 'published',
      latestVersion: version.version,
      revision: record.revision + 1,
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
              Item: marshall({
                pk: `T#${tenantId}`,
                sk: `PBV#${record.id}#${versionSortKey(version.version)}`,
                ...version,
              }),
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
        ],
        [{ def: playbookPublished, detail: event }],
      );
    } catch (err) {
      if (err instanceof TransactionCanceledException) throw new StaleWriteError(record.id);
      throw err;
    }
  }
}

function summaryKey(tenantId: string, id: string): Record<string, AttributeValue> {
  return marshall({ pk: `T#${tenantId}`, sk: `PB#${id}` });
}

function toSummaryItem(tenantId: string, r: PlaybookRecord): Record<string, AttributeValue> {
  const { draft, ...rest } = r;
  return marshall(
    { pk: `T#${tenantId}`, sk: `PB#${r.id}`, ...rest, draft: JSON.stringify(draft) },
    { removeUndefinedValues: true },
  );
}

function fromSummaryItem(item: Record<string, AttributeValue>): PlaybookRecord {
  const raw = unmarshall(item);
  return {
    id: raw.id,
    title: raw.title,
    status: raw.status,
    latestVersion: raw.latestVersion ?? null,
    revision: Number(raw.revision),
    createdAt: raw.createdAt,
    updatedAt: raw.updatedAt,
    draft: JSON.parse(raw.draft) as PlaybookDraft,
  };
}
