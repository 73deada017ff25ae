import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { PendingEvent } from '@assay/platform';
import { putOnce, tableName, transactWithEvents } from '@assay/platform';
import type { DrawnForm } from '@assay/playbooks';
import { sessionService } from './service';

/**
 * The session table. Every key starts with the tenant:
 *   pk T#<t>  sk PBV#<playbookId>#<sortable version>  a published playbook version (event-carried)
 *   pk T#<t>  sk ASM#<assessmentId>                   an assessment and its pinned playbook
 *   pk T#<t>  sk INV#<invitationId>                   an invitation; GSI byParent: gpk T#<t>#ASM#<id>
 *   pk T#<t>  sk SES#<sessionId>                      a session and its drawn form
 *   pk T#<t>  sk SES#<sessionId>#ANS#<itemId>         the latest answer to one item
 *   pk T#<t>  sk SES#<sessionId>#SIG#<n>              a batch of integrity signals
 * Documents (playbooks, forms, answers) are stored as JSON text so they read back byte for byte.
 */
export interface PinnedPlaybook {
  id: string;
  version: string;
  hash: string;
}

export interface PlaybookCopy extends PinnedPlaybook {
  title: string;
  document: string;
  sourceEventId: string;
  recordedAt: string;
}

export interface AssessmentRecord {
  id: string;
  title: string;
  playbook: PinnedPlaybook;
  timeLimitMinutes: number;
  sampling: Record<string, number>;
  itemCount: number;
  createdAt: string;
}

export interface Candidate {
  name: string;
  email: string;
  externalId?: string;
}

export type InvitationStatus = 'invited' | 'started' | 'submitted' | 'revoked';

export interface InvitationRecord {
  id: string;
  assessmentId: string;
  candidate: Candidate;
  expiresAt: string;
  extraTimePercent: number;
  status: InvitationStatus;
  sessionId: string | null;
  createdAt: string;
}

export type SubmitReason = 'candidate' | 'time-expired';

export interface SessionRecord {
  id: string;
  invitationId: string;
  assessmentId: string;
  status: 'in-progress' | 'submitted' | 'revoked';
  startedAt: string;
  deadline: string;
  /** Deadline plus grace: the last moment a write is accepted. */
  closesAt: string;
  playbook: PinnedPlaybook;
  form: DrawnForm;
  submittedAt: string | null;
  reason: SubmitReason | null;
  answered: number | null;
}

export interface StoredAnswer {
  itemId: string;
  answer: Record<string, unknown>;
  seq: number;
  savedAt: string;
}

export class SessionClosedError extends Error {}
export class ConflictError extends Error {}

type Key = Record<string, AttributeValue>;
type Page<T> = { items: T[]; next?: Key };

export class SessionStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(sessionService.table),
  ) {}

  /** Stores a published version once; false when it was already there (redelivery). */
  async recordPlaybook(tenantId: string, copy: PlaybookCopy): Promise<boolean> {
    return putOnce(
      this.db,
      this.table,
      marshall({ ...playbookKey(tenantId, copy.id, copy.version), ...copy }),
    );
  }

  /** That version, or the newest recorded one when `version` is undefined. */
  async getPlaybook(
    tenantId: string,
    id: string,
    version?: string,
  ): Promise<PlaybookCopy | undefined> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({
          ':pk': `T#${tenantId}`,
          ':prefix': version ? playbookKey(tenantId, id, version).sk : `PBV#${id}#`,
        }),
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    return item ? (strip(item) as unknown as PlaybookCopy) : undefined;
  }

  async putAssessment(tenantId: string, record: AssessmentRecord, document: string): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({ pk: `T#${tenantId}`, sk: `ASM#${record.id}`, ...record, document }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getAssessment(
    tenantId: string,
    id: string,
  ): Promise<{ record: AssessmentRecord; document: string } | undefined> {
    const item = await this.get(tenantId, `ASM#${id}`);
    if (!item) return undefined;
    const { document, ...record } = item;
    return { record: record as unknown as AssessmentRecord, document: document as string };
  }

  async listAssessments(tenantId: string, limit: number, cursor?: Key) {
    const page = await this.query(tenantId, 'ASM#', limit, cursor, 'document');
    return { ...page, items: page.items as unknown as AssessmentRecord[] };
  }

  async putInvitation(tenantId: string, record: InvitationRecord): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall(
          {
            pk: `T#${tenantId}`,
            sk: `INV#${record.id}`,
            gpk: `T#${tenantId}#ASM#${record.assessmentId}`,
            gsk: `INV#${record.id}`,
            ...record,
          },
          { removeUndefinedValues: true },
        ),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getInvitation(tenantId: string, id: string): Promise<InvitationRecord | undefined> {
    return (await this.get(tenantId, `INV#${id}`)) as InvitationRecord | undefined;
  }

  /**
   * Invitations of one assessment, oldest first. The cursor is the base-table key of the last
   * item (so the platform's tenant-checked cursor works); the index key is derived from it.
   */
  async listInvitations(
    tenantId: string,
    assessmentId: string,
    limit: number,
    cursor?: Key,
  ): Promise<Page<InvitationRecord>> {
    const gpk = `T#${tenantId}#ASM#${assessmentId}`;
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byParent',
        KeyConditionExpression: 'gpk = :gpk',
        ExpressionAttributeValues: marshall({ ':gpk': gpk }),
        Limit: limit,
        ExclusiveStartKey: cursor && { ...cursor, gpk: { S: gpk }, gsk: cursor.sk! },
      }),
    );
    const last = out.LastEvaluatedKey;
    return {
      items: (out.Items ?? []).map((i) => strip(i) as unknown as InvitationRecord),
      next: last && { pk: last.pk!, sk: last.sk! },
    };
  }

  /**
   * Starts the session: the invitation moves to `started` (only from `invited`, so one session
   * per invitation), the session is written and `session.started` queued, in one transaction.
   * Throws ConflictError when another start won the race.
   */
  async startSession(tenantId: string, session: SessionRecord, event: PendingEvent): Promise<void> {
    await this.transact(
      [
        {
          Update: {
            TableName: this.table,
            Key: marshall({ pk: `T#${tenantId}`, sk: `INV#${session.invitationId}` }),
            UpdateExpression: 'SET #s = :started, sessionId = :sid',
            ConditionExpression: '#s = :invited',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: marshall({
              ':started': 'started',
              ':invited': 'invited',
              ':sid': session.id,
            }),
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: sessionItem(tenantId, session),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      [event],
    );
  }

  async getSession(tenantId: string, id: string): Promise<SessionRecord | undefined> {
    const item = await this.get(tenantId, `SES#${id}`);
    if (!item) return undefined;
    return { ...item, form: JSON.parse(item.form as string) } as unknown as SessionRecord;
  }

  /**
   * Writes an answer only while the session is open (checked in the same transaction, so a
   * save never slips in after a submit) and only over an older sequence number. Returns false
   * when a newer or equal write is already stored; throws SessionClosedError when closed.
   */
  async saveAnswer(
    tenantId: string,
    sessionId: string,
    answer: StoredAnswer,
    now: Date,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.table,
                Key: marshall({ pk: `T#${tenantId}`, sk: `SES#${sessionId}` }),
                ConditionExpression: '#s = :open AND closesAt > :now',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: marshall({
                  ':open': 'in-progress',
                  ':now': now.toISOString(),
                }),
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: marshall({
                  pk: `T#${tenantId}`,
                  sk: answerSk(sessionId, answer.itemId),
                  ...answer,
                  answer: JSON.stringify(answer.answer),
                }),
                ConditionExpression: 'attribute_not_exists(pk) OR seq < :seq',
                ExpressionAttributeValues: marshall({ ':seq': answer.seq }),
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const [session, write] = err.CancellationReasons ?? [];
      if (session?.Code === 'ConditionalCheckFailed') throw new SessionClosedError(sessionId);
      if (write?.Code === 'ConditionalCheckFailed') return false;
      throw err;
    }
  }

  async getAnswer(
    tenantId: string,
    sessionId: string,
    itemId: string,
  ): Promise<StoredAnswer | undefined> {
    const item = await this.get(tenantId, answerSk(sessionId, itemId));
    return item && toAnswer(item);
  }

  async listAnswers(tenantId: string, sessionId: string): Promise<StoredAnswer[]> {
    return (await this.queryAll(tenantId, `SES#${sessionId}#ANS#`)).map(toAnswer);
  }

  async addSignals(
    tenantId: string,
    sessionId: string,
    batchId: string,
    signals: Record<string, unknown>[],
  ): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({
          pk: `T#${tenantId}`,
          sk: `SES#${sessionId}#SIG#${batchId}`,
          signals: JSON.stringify(signals),
        }),
      }),
    );
  }

  async listSignals(tenantId: string, sessionId: string): Promise<Record<string, unknown>[]> {
    const items = await this.queryAll(tenantId, `SES#${sessionId}#SIG#`);
    return items.flatMap((i) => JSON.parse(i.signals as string) as Record<string, unknown>[]);
  }

  /**
   * Ends the session (only if still in progress, so a second submit never queues a second
   * event) and the invitation with it, plus any claim-check writes, in one transaction.
   * Throws ConflictError when it had already ended.
   */
  async submitSession(
    tenantId: string,
    session: SessionRecord,
    claims: TransactWriteItem[],
    event: PendingEvent,
  ): Promise<void> {
    await this.transact(
      [
        {
          Update: {
            TableName: this.table,
            Key: marshall({ pk: `T#${tenantId}`, sk: `SES#${session.id}` }),
            UpdateExpression:
              'SET #s = :submitted, submittedAt = :at, reason = :reason, answered = :answered',
            ConditionExpression: '#s = :open',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: marshall({
              ':submitted': 'submitted',
              ':open': 'in-progress',
              ':at': session.submittedAt,
              ':reason': session.reason,
              ':answered': session.answered,
            }),
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: marshall({ pk: `T#${tenantId}`, sk: `INV#${session.invitationId}` }),
            UpdateExpression: 'SET #s = :submitted',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: marshall({ ':submitted': 'submitted' }),
          },
        },
        ...claims,
      ],
      [event],
    );
  }

  /** Revokes the invitation and closes its session in progress, if any. */
  async revoke(tenantId: string, invitation: InvitationRecord): Promise<void> {
    const writes: TransactWriteItem[] = [
      {
        Update: {
          TableName: this.table,
          Key: marshall({ pk: `T#${tenantId}`, sk: `INV#${invitation.id}` }),
          UpdateExpression: 'SET #s = :revoked',
          ConditionExpression: '#s = :was',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: marshall({ ':revoked': 'revoked', ':was': invitation.status }),
        },
      },
    ];
    if (invitation.sessionId) {
      writes.push({
        Update: {
          TableName: this.table,
          Key: marshall({ pk: `T#${tenantId}`, sk: `SES#${invitation.sessionId}` }),
          UpdateExpression: 'SET #s = :revoked',
          ConditionExpression: '#s = :open',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: marshall({ ':revoked': 'revoked', ':open': 'in-progress' }),
        },
      });
    }
    await this.transact(writes, []);
  }

  private async transact(writes: TransactWriteItem[], events: PendingEvent[]): Promise<void> {
    try {
      await transactWithEvents(this.db, this.table, writes, events);
    } catch (err) {
      if (err instanceof TransactionCanceledException) throw new ConflictError(err.message);
      throw err;
    }
  }

  private async get(tenantId: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `T#${tenantId}`, sk }),
        ConsistentRead: true,
      }),
    );
    return out.Item && strip(out.Item);
  }

  private async query(
    tenantId: string,
    prefix: string,
    limit: number,
    cursor: Key | undefined,
    omit?: string,
  ): Promise<Page<Record<string, unknown>>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}`, ':prefix': prefix }),
        Limit: limit,
        ExclusiveStartKey: cursor,
        ConsistentRead: true,
      }),
    );
    const items = (out.Items ?? []).map((i) => {
      const { [omit ?? '']: _dropped, ...rest } = strip(i);
      return rest;
    });
    return { items, next: out.LastEvaluatedKey };
  }

  private async queryAll(tenantId: string, prefix: string): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    let cursor: Key | undefined;
    do {
      const page = await this.query(tenantId, prefix, 1000, cursor);
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return all;
  }
}

/** Zero-padded parts so versions sort numerically (1.10.0 after 1.9.0). */
function playbookKey(tenantId: string, id: string, version: string) {
  const sortable = version
    .split('.')
    .map((p) => p.padStart(6, '0'))
    .join('.');
  return { pk: `T#${tenantId}`, sk: `PBV#${id}#${sortable}` };
}

function answerSk(sessionId: string, itemId: string): string {
  return `SES#${sessionId}#ANS#${itemId}`;
}

function sessionItem(tenantId: string, s: SessionRecord): Key {
  return marshall({ pk: `T#${tenantId}`, sk: `SES#${s.id}`, ...s, form: JSON.stringify(s.form) });
}

function toAnswer(item: Record<string, unknown>): StoredAnswer {
  return {
    itemId: item.itemId as string,
    answer: JSON.parse(item.answer as string) as Record<string, unknown>,
    seq: Number(item.seq),
    savedAt: item.savedAt as string,
  };
}

/** The record without its key and housekeeping attributes. */
function strip(item: Key): Record<string, unknown> {
  const { pk: _pk, sk: _sk, gpk: _gpk, gsk: _gsk, ...rest } = unmarshall(item);
  return rest;
}
