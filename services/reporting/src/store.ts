import { gunzipSync, gzipSync } from 'node:zlib';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName, transactWithEvents, ttlSeconds, type PendingEvent } from '@assay/platform';
import type { StoredEntry } from './domain/audit';
import { reportingService } from './service';

/**
 * The reporting table. Every key begins with the tenant:
 *   pk T#<t>#AUDIT      sk HEAD                the chain's last seq and hash
 *   pk T#<t>#AUDIT      sk SEQ#<000000000001>  one entry; GSI byParent: gpk T#<t>#SES#<id>
 *   pk T#<t>#AUDIT      sk EVENT#<eventId>     marks an event as appended (idempotency)
 *   pk T#<t>#SES#<id>   sk FACT#…              what one event said about a session (read model);
 *                                              GSI byParent: gpk T#<t>#ASM#<assessmentId>
 *   pk T#<t>#SES#<id>   sk ERASED              the session's candidate was erased (erasure id):
 *                                              no fact is written for it any more
 *   pk T#<t>#DEMO       sk SES#<id>            self-reported demographics, apart from any score
 * Facts and demographics carry `ttl` from the events' `retainUntil` (the tenant's retention).
 * Audit entries never expire (a missing link would break the chain); erasure tombstones them.
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
  /** End of the tenant's retention for this candidate (the item's TTL). */
  retainUntil?: string;
  erasedAt?: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** One link to append and the event it records. */
export interface AuditLink {
  eventId: string;
  link: StoredEntry & { sessionId?: string };
}

/** Links one append transaction can carry: 2 items each plus the head, of at most 100. */
export const MAX_LINKS_PER_APPEND = 45;

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
   * Appends consecutive links in one transaction that (1) claims each event id, (2) creates each
   * seq item and (3) moves the head once, only from the seq it was read at. If any other append
   * moved the head first the whole transaction fails as 'raced' (the caller re-reads the head
   * and links after it), so the chain can never fork. Event ids already appended come back as
   * 'duplicate' with their positions in `links` (the caller drops them and links the rest).
   * At most `MAX_LINKS_PER_APPEND` links (two items each, plus the head, within the limit of
   * 100 items per transaction).
   */
  async appendLinks(
    tenantId: string,
    links: readonly AuditLink[],
    prev: ChainHead | undefined,
  ): Promise<
    { outcome: 'appended' } | { outcome: 'raced' } | { outcome: 'duplicate'; indexes: number[] }
  > {
    const last = links.at(-1);
    if (!last) return { outcome: 'appended' };
    if (links.length > MAX_LINKS_PER_APPEND)
      throw new Error(`at most ${MAX_LINKS_PER_APPEND} links per append, got ${links.length}`);
    const pk = auditPk(tenantId);
    const items = links.flatMap(({ eventId, link }) => [
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
    ]);
    const head = {
      Put: {
        TableName: this.table,
        Item: marshall({ pk, sk: 'HEAD', seq: last.link.seq, hash: last.link.hash }),
        ...(prev
          ? {
              ConditionExpression: 'seq = :prev',
              ExpressionAttributeValues: marshall({ ':prev': prev.seq }),
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
    try {
      await this.db.send(new TransactWriteItemsCommand({ TransactItems: [...items, head] }));
      return { outcome: 'appended' };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      // Reasons follow the items: claim i at 2i. A failed claim is an event already appended.
      const reasons = err.CancellationReasons ?? [];
      const indexes = links
        .map((_, i) => i)
        .filter((i) => reasons[2 * i]?.Code === 'ConditionalCheckFailed');
      return indexes.length > 0 ? { outcome: 'duplicate', indexes } : { outcome: 'raced' };
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

  /**
   * Writes a fact once; false when it was already there, or when the session's candidate was
   * erased (checked in the same transaction, so a late event cannot bring data back).
   */
  async putFact(tenantId: string, fact: Fact): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: factItem(tenantId, fact),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              ConditionCheck: {
                TableName: this.table,
                Key: marshall({ pk: sessionPk(tenantId, fact.sessionId), sk: 'ERASED' }),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  /** Overwrites a fact with its erased form. */
  async replaceFact(tenantId: string, fact: Fact): Promise<void> {
    await this.db.send(
      new PutItemCommand({ TableName: this.table, Item: factItem(tenantId, fact) }),
    );
  }

  /** Marks a session erased; facts for it are refused from then on. */
  async markSessionErased(tenantId: string, sessionId: string, erasureId: string, at: string) {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({ pk: sessionPk(tenantId, sessionId), sk: 'ERASED', erasureId, at }),
      }),
    );
  }

  /** The erasure a session's candidate went to, if any. */
  async sessionErasure(tenantId: string, sessionId: string): Promise<string | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: sessionPk(tenantId, sessionId), sk: 'ERASED' }),
        ConsistentRead: true,
      }),
    );
    return out.Item ? (unmarshall(out.Item).erasureId as string) : undefined;
  }

  /** Replaces a stored audit entry (a tombstone), only over the content it was read with. */
  async replaceEntry(tenantId: string, seq: number, from: string, to: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall({ pk: auditPk(tenantId), sk: seqKey(seq) }),
          UpdateExpression: 'SET entry = :to',
          ConditionExpression: 'entry = :from',
          ExpressionAttributeValues: marshall({ ':to': to, ':from': from }),
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async deleteDemographics(tenantId: string, sessionId: string): Promise<boolean> {
    const out = await this.db.send(
      new DeleteItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `T#${tenantId}#DEMO`, sk: `SES#${sessionId}` }),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes !== undefined;
  }

  /** Queues an event (reporting publishes only erasure confirmations). */
  async publish(event: PendingEvent): Promise<void> {
    await transactWithEvents(this.db, this.table, [], [event]);
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
    retainUntil?: string,
  ): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({
          pk: `T#${tenantId}#DEMO`,
          sk: `SES#${sessionId}`,
          categories,
          at,
          ...ttlOf(retainUntil),
        }),
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

function factItem(tenantId: string, fact: Fact): Record<string, AttributeValue> {
  return {
    ...marshall(
      {
        pk: sessionPk(tenantId, fact.sessionId),
        sk: `FACT#${fact.key}`,
        gpk: `T#${tenantId}#ASM#${fact.assessmentId}`,
        gsk: `SES#${fact.sessionId}#${fact.key}`,
        sessionId: fact.sessionId,
        assessmentId: fact.assessmentId,
        key: fact.key,
        eventId: fact.eventId,
        retainUntil: fact.retainUntil,
        erasedAt: fact.erasedAt,
        ...ttlOf(fact.retainUntil),
      },
      { removeUndefinedValues: true },
    ),
    body: { B: gzipSync(JSON.stringify(fact.body)) },
  };
}

function ttlOf(retainUntil: string | undefined): Record<string, number> {
  return retainUntil ? { [reportingService.table.ttlAttribute]: ttlSeconds(retainUntil) } : {};
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
    ...(item.retainUntil ? { retainUntil: item.retainUntil as string } : {}),
    ...(item.erasedAt ? { erasedAt: item.erasedAt as string } : {}),
  };
}
