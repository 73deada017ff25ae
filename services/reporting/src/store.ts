import { gunzipSync, gzipSync } from 'node:zlib';
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '@assay/platform';
import type { StoredEntry } from './domain/audit';
import { reportingService } from './service';

/**
 * The reporting table. Every key begins with the tenant:
 *   pk T#<t>#AUDIT      sk HEAD                the chain's last seq and hash
 *   pk T#<t>#AUDIT      sk SEQ#<000000000001>  one entry; GSI byParent: gpk T#<t>#SES#<id>
 *   pk T#<t>#AUDIT      sk EVENT#<eventId>     marks an event as appended (idempotency)
 *   pk T#<t>#SES#<id>   sk FACT#…              what one event said about a session (read model);
 *                                              GSI byParent: gpk T#<t>#ASM#<assessmentId>
 *   pk T#<t>#DEMO       sk SES#<id>            self-reported demographics, apart from any score
 * Facts are written once under a key derived from the event's content (a scorecard revision,
 * an interview id), so redelivery writes nothing and arrival order does not matter: reports
 * fold the facts when read.
 */
export interface Fact {
  sessionId: string;
  assessmentId: string;
  /** `SUBMITTED`, `SCORE#<revision>`, `INTERVIEW#<interviewId>`. */
  key: string;
  eventId: string;
  body: unknown;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

const SEQ_DIGITS = 12;
const seqKey = (seq: number) => `SEQ#${String(seq).padStart(SEQ_DIGITS, '0')}`;

export class ReportingStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(reportingService.table),
  ) {}

  async chainHead(tenantId: string): Promise<ChainHead | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: auditPk(tenantId), sk: 'HEAD' }),
        ConsistentRead: true,
      }),
    );
    return out.Item && (unmarshall(out.Item) as ChainHead);
  }

  /**
   * Appends one link in a transaction that (1) claims the event id, (2) moves the head only
   * from the seq it was read at and (3) creates the seq item. A concurrent append moves the
   * head first and this one fails as 'raced' (the caller re-reads the head and tries again),
   * so the chain can never fork; an event already appended fails (1) and is 'duplicate'.
   */
  async appendLink(
    tenantId: string,
    eventId: string,
    link: StoredEntry & { sessionId?: string },
    prev: ChainHead | undefined,
  ): Promise<'appended' | 'duplicate' | 'raced'> {
    const pk = auditPk(tenantId);
    try {
      await this.db.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: marshall({ pk, sk: `EVENT#${eventId}`, seq: link.seq }),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: marshall({ pk, sk: 'HEAD', seq: link.seq, hash: link.hash }),
                ...(prev
                  ? {
                      ConditionExpression: 'seq = :prev',
                      ExpressionAttributeValues: marshall({ ':prev': prev.seq }),
                    }
                  : { ConditionExpression: 'attribute_not_exists(pk)' }),
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: marshall({
                  pk,
                  sk: seqKey(link.seq),
                  seq: link.seq,
                  entry: link.entry,
                  prevHash: link.prevHash,
                  hash: link.hash,
                  ...(link.sessionId
                    ? { gpk: `T#${tenantId}#SES#${link.sessionId}`, gsk: seqKey(link.seq) }
                    : {}),
                }),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return 'appended';
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      return err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        ? 'duplicate'
        : 'raced';
    }
  }

  /** Entries in sequence order, a page at a time (the verifier walks them all). */
  async *chain(tenantId: string, pageSize = 500): AsyncGenerator<StoredEntry[]> {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
          ExpressionAttributeValues: marshall({ ':pk': auditPk(tenantId), ':seq': 'SEQ#' }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
          Limit: pageSize,
        }),
      );
      yield (out.Items ?? []).map((i) => toStoredEntry(unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async sessionEntries(tenantId: string, sessionId: string): Promise<StoredEntry[]> {
    return this.queryIndex(`T#${tenantId}#SES#${sessionId}`, (i) => toStoredEntry(i));
  }

  /** Writes a fact once; false when it was already there. */
  async putFact(tenantId: string, fact: Fact): Promise<boolean> {
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            ...marshall({
              pk: sessionPk(tenantId, fact.sessionId),
              sk: `FACT#${fact.key}`,
              gpk: `T#${tenantId}#ASM#${fact.assessmentId}`,
              gsk: `SES#${fact.sessionId}#${fact.key}`,
              sessionId: fact.sessionId,
              assessmentId: fact.assessmentId,
              key: fact.key,
              eventId: fact.eventId,
            }),
            body: { B: gzipSync(JSON.stringify(fact.body)) },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async sessionFacts(tenantId: string, sessionId: string): Promise<Fact[]> {
    const facts: Fact[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fact)',
          ExpressionAttributeValues: marshall({
            ':pk': sessionPk(tenantId, sessionId),
            ':fact': 'FACT#',
          }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      facts.push(...(out.Items ?? []).map((i) => toFact(unmarshall(i))));
      start = out.LastEvaluatedKey;
    } while (start);
    return facts;
  }

  async assessmentFacts(tenantId: string, assessmentId: string): Promise<Fact[]> {
    return this.queryIndex(`T#${tenantId}#ASM#${assessmentId}`, toFact);
  }

  async putDemographics(
    tenantId: string,
    sessionId: string,
    categories: Record<string, string>,
    at: string,
  ): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({ pk: `T#${tenantId}#DEMO`, sk: `SES#${sessionId}`, categories, at }),
      }),
    );
  }

  /** Every session's self-reported categories of the tenant, by session id. */
  async demographics(tenantId: string): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}#DEMO` }),
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const { sk, categories } = unmarshall(item) as {
          sk: string;
          categories: Record<string, string>;
        };
        out.set(sk.slice('SES#'.length), categories);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  private async queryIndex<T>(
    gpk: string,
    map: (item: Record<string, unknown>) => T,
  ): Promise<T[]> {
    const rows: T[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'byParent',
          KeyConditionExpression: 'gpk = :gpk',
          ExpressionAttributeValues: marshall({ ':gpk': gpk }),
          ExclusiveStartKey: start,
        }),
      );
      rows.push(...(out.Items ?? []).map((i) => map(unmarshall(i))));
      start = out.LastEvaluatedKey;
    } while (start);
    return rows;
  }
}

function auditPk(tenantId: string): string {
  return `T#${tenantId}#AUDIT`;
}

function sessionPk(tenantId: string, sessionId: string): string {
  return `T#${tenantId}#SES#${sessionId}`;
}

function toStoredEntry(item: Record<string, unknown>): StoredEntry {
  return {
    seq: item.seq as number,
    entry: item.entry as string,
    prevHash: item.prevHash as string,
    hash: item.hash as string,
  };
}

function toFact(item: Record<string, unknown>): Fact {
  return {
    sessionId: item.sessionId as string,
    assessmentId: item.assessmentId as string,
    key: item.key as string,
    eventId: item.eventId as string,
    body: JSON.parse(gunzipSync(item.body as Uint8Array).toString('utf8')),
  };
}
