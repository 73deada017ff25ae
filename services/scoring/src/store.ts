import { gunzipSync, gzipSync } from 'node:zlib';
import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { PendingEvent } from '@assay/platform';
import {
  claimWrites,
  deleteOutboxMentioning,
  putOnce,
  tableName,
  transactWithEvents,
  ttlSeconds,
  type ClaimRef,
} from '@assay/platform';
import type { Scorecard } from '@assay/scoring';
import { scoringService } from './service';

/**
 * The scoring table. Every key begins with the tenant:
 *   pk T#<t>  sk RUBRIC#<playbookId>#<version>      a published playbook version (event-carried)
 *   pk T#<t>  sk CARD#<sessionId>                   a session's scorecard, answers and history
 *   pk T#<t>  sk CARD#<sessionId>#INT#<interviewer> one interviewer's ratings (latest wins)
 *   pk T#<t>  sk ERASED#<sessionId>                 the session's candidate was erased: no card
 *                                                   may be written for it any more
 * Documents (playbooks) are JSON text; answers and scorecards are gzipped JSON, so a session with
 * long written answers stays far below DynamoDB's 400 KB item limit. Cards and interviews carry
 * `ttl` from the session's `retainUntil` (the tenant's retention).
 */
export interface RubricVersion {
  playbookId: string;
  version: string;
  hash: string;
  recordedAt: string;
  /** The event that delivered it; redelivery of the same event is a no-op. */
  sourceEventId: string;
  playbook: Record<string, unknown>;
}

export interface PinnedPlaybook {
  id: string;
  version: string;
  hash: string;
}

export interface Override {
  score: number;
  reason: string;
  reviewer: string;
  at: string;
}

export type HistoryEntry =
  | { revision: number; kind: 'scored'; at: string; version: string; total: number; band: string }
  | {
      revision: number;
      kind: 'review';
      at: string;
      reviewer: string;
      itemId: string;
      from: number;
      to: number;
      reason: string;
      total: number;
      band: string;
    }
  | {
      revision: number;
      kind: 'rescore';
      at: string;
      reviewer: string;
      fromVersion: string;
      toVersion: string;
      total: number;
      band: string;
      clearedOverrides: string[];
    };

export interface CardRecord {
  sessionId: string;
  assessmentId: string;
  scorecardId: string;
  revision: number;
  playbook: PinnedPlaybook;
  /** The drawn form's items, so a re-score uses the same draw. */
  itemIds: string[];
  answers: Record<string, Record<string, unknown>>;
  /** The engine's own output for the current version, before any override. */
  engineCard: Scorecard;
  /** The current scorecard: the engine's output with overrides applied. */
  card: Scorecard;
  overrides: Record<string, Override>;
  history: HistoryEntry[];
  scoredAt: string;
  updatedAt: string;
  /** End of the tenant's retention (from session.submitted): the card's TTL. */
  retainUntil?: string;
  /** Every claim this card's revisions wrote (full scorecards), so an erasure can delete them. */
  claimRefs?: ClaimRef[];
  erasedAt?: string;
}

export interface InterviewRecord {
  interviewId: string;
  interviewer: string;
  reviewer: string;
  ratings: Record<string, { rating: number; notes: string }>;
  score: number;
  submittedAt: string;
}

/** The card changed (or appeared) meanwhile; the caller re-reads and tries again. */
export class StaleCardError extends Error {}

const zip = (value: unknown) => gzipSync(JSON.stringify(value));
const unzip = <T>(bytes: Uint8Array) => JSON.parse(gunzipSync(bytes).toString('utf8')) as T;

export class ScoringStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(scoringService.table),
  ) {}

  /** Stores a version once; returns false when it was already there (replay, redelivery). */
  async recordRubric(tenantId: string, rubric: RubricVersion): Promise<boolean> {
    const { playbook, ...rest } = rubric;
    return putOnce(
      this.db,
      this.table,
      marshall({
        ...rubricKey(tenantId, rubric.playbookId, rubric.version),
        ...rest,
        playbook: JSON.stringify(playbook),
      }),
    );
  }

  async getRubric(
    tenantId: string,
    playbookId: string,
    version: string,
  ): Promise<RubricVersion | undefined> {
    const item = await this.get(rubricKey(tenantId, playbookId, version));
    if (!item) return undefined;
    return { ...(item as unknown as RubricVersion), playbook: JSON.parse(item.playbook as string) };
  }

  /**
   * Every version held for a playbook. Each item carries its whole playbook, so one Query page
   * (1 MB read before projection) holds only ~18 of them: follow the pages to the end.
   */
  async listRubricVersions(
    tenantId: string,
    playbookId: string,
  ): Promise<Omit<RubricVersion, 'playbook'>[]> {
    const versions: Omit<RubricVersion, 'playbook'>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: marshall({
            ':pk': `T#${tenantId}`,
            ':prefix': `RUBRIC#${playbookId}#`,
          }),
          ProjectionExpression: 'playbookId, version, #h, recordedAt, sourceEventId',
          ExpressionAttributeNames: { '#h': 'hash' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? [])
        versions.push(unmarshall(item) as Omit<RubricVersion, 'playbook'>);
      start = out.LastEvaluatedKey;
    } while (start);
    return versions;
  }

  async getCard(tenantId: string, sessionId: string): Promise<CardRecord | undefined> {
    const item = await this.get(cardKey(tenantId, sessionId));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, answersGz, engineCardGz, cardGz, overrides, history, ...rest } = item;
    return {
      ...(rest as unknown as CardRecord),
      answers: unzip(answersGz as Uint8Array),
      engineCard: unzip(engineCardGz as Uint8Array),
      card: unzip(cardGz as Uint8Array),
      overrides: JSON.parse(overrides as string),
      history: JSON.parse(history as string),
    };
  }

  /**
   * Writes a card and its event in one transaction, with the full scorecard as a claim for
   * internal consumers. `expectedRevision` undefined: only if no card exists (first scoring);
   * otherwise only over that revision. Either way a lost race is a StaleCardError.
   */
  async putCard(
    tenantId: string,
    record: CardRecord,
    expectedRevision: number | undefined,
    event: (ref: ClaimRef) => PendingEvent,
  ): Promise<void> {
    const claim = claimWrites(tenantId, JSON.stringify(record.card));
    const claimRefs = [
      ...(record.claimRefs ?? []).filter((r) => r.claimId !== claim.ref.claimId),
      claim.ref,
    ];
    const put: TransactWriteItem = {
      Put: {
        TableName: this.table,
        Item: cardItem(tenantId, { ...record, claimRefs }),
        ...(expectedRevision === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'revision = :expected',
              ExpressionAttributeValues: { ':expected': { N: String(expectedRevision) } },
            }),
      },
    };
    // An erased session's late events must not bring a card back.
    const notErased: TransactWriteItem = {
      ConditionCheck: {
        TableName: this.table,
        Key: marshall(erasedKey(tenantId, record.sessionId)),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    try {
      await transactWithEvents(
        this.db,
        this.table,
        [put, notErased, ...claim.writes],
        [event(claim.ref)],
      );
    } catch (err) {
      if (err instanceof TransactionCanceledException) throw new StaleCardError(err.message);
      throw err;
    }
  }

  /** One interviewer's ratings and the event, in one transaction (a resubmission replaces). */
  async putInterview(
    tenantId: string,
    sessionId: string,
    interview: InterviewRecord,
    event: PendingEvent,
    retainUntil?: string,
  ): Promise<void> {
    await transactWithEvents(
      this.db,
      this.table,
      [
        {
          Put: {
            TableName: this.table,
            Item: marshall({
              pk: `T#${tenantId}`,
              sk: `CARD#${sessionId}#INT#${interview.interviewer}`,
              ...interview,
              ...ttlOf(retainUntil),
            }),
          },
        },
      ],
      [event],
    );
  }

  async listInterviews(tenantId: string, sessionId: string): Promise<InterviewRecord[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({
          ':pk': `T#${tenantId}`,
          ':prefix': `CARD#${sessionId}#INT#`,
        }),
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => {
      const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } = unmarshall(i);
      return rest as InterviewRecord;
    });
  }

  /**
   * Replaces a card with its erased form (no outbox event: the erasure confirms separately),
   * only over the revision it was read at; a lost race is a StaleCardError.
   */
  async replaceErasedCard(tenantId: string, record: CardRecord): Promise<void> {
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: cardItem(tenantId, record),
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: { ':expected': { N: String(record.revision) } },
        }),
      );
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException')
        throw new StaleCardError((err as Error).message);
      throw err;
    }
  }

  async putErasedInterview(
    tenantId: string,
    sessionId: string,
    interview: InterviewRecord,
    retainUntil?: string,
  ): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({
          pk: `T#${tenantId}`,
          sk: `CARD#${sessionId}#INT#${interview.interviewer}`,
          ...interview,
          ...ttlOf(retainUntil),
        }),
      }),
    );
  }

  /** This tenant's outbox items about the session (relayed events keep their payload). */
  deleteOutboxMentioning(tenantId: string, sessionId: string): Promise<number> {
    return deleteOutboxMentioning(this.db, this.table, tenantId, [sessionId]);
  }

  /** Marks the session erased (kept until the retention ends, like the card would have been). */
  async markErased(tenantId: string, sessionId: string, erasureId: string, at: string) {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({ ...erasedKey(tenantId, sessionId), erasureId, erasedAt: at }),
      }),
    );
  }

  async isErased(tenantId: string, sessionId: string): Promise<boolean> {
    return (await this.get(erasedKey(tenantId, sessionId))) !== undefined;
  }

  /** Queues an event on its own. */
  async publish(event: PendingEvent): Promise<void> {
    await transactWithEvents(this.db, this.table, [], [event]);
  }

  private async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(key), ConsistentRead: true }),
    );
    return out.Item && unmarshall(out.Item);
  }
}

function rubricKey(tenantId: string, playbookId: string, version: string) {
  return { pk: `T#${tenantId}`, sk: `RUBRIC#${playbookId}#${version}` };
}

function ttlOf(retainUntil: string | undefined): Record<string, number> {
  return retainUntil ? { [scoringService.table.ttlAttribute]: ttlSeconds(retainUntil) } : {};
}

function erasedKey(tenantId: string, sessionId: string) {
  return { pk: `T#${tenantId}`, sk: `ERASED#${sessionId}` };
}

/** A card as stored: small fields as attributes, JSON fields as strings, large ones gzipped. */
function cardItem(tenantId: string, record: CardRecord): Record<string, AttributeValue> {
  const { answers, engineCard, card, overrides, history, ...rest } = record;
  return {
    ...marshall(
      {
        ...cardKey(tenantId, record.sessionId),
        ...rest,
        overrides: JSON.stringify(overrides),
        history: JSON.stringify(history),
        ...ttlOf(record.retainUntil),
      },
      { removeUndefinedValues: true },
    ),
    answersGz: { B: zip(answers) },
    engineCardGz: { B: zip(engineCard) },
    cardGz: { B: zip(card) },
  };
}

function cardKey(tenantId: string, sessionId: string) {
  return { pk: `T#${tenantId}`, sk: `CARD#${sessionId}` };
}
