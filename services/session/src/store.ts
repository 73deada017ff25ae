import {
  BatchWriteItemCommand,
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
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ClaimRef, PendingEvent } from '@assay/platform';
import {
  deleteOutboxMentioning,
  putOnce,
  tableName,
  transactWithEvents,
  ttlSeconds,
} from '@assay/platform';
import { invitationKeys } from './domain/candidate-keys';
import type { DrawnForm } from '@assay/playbooks';
import { sessionService } from './service';

/**
 * The session table. Every key starts with the tenant:
 *   pk T#<t>  sk PBV#<playbookId>#<sortable version>  a published playbook version (event-carried)
 *   pk T#<t>  sk ASM#<assessmentId>                   an assessment and its pinned playbook
 *   pk T#<t>  sk INV#<invitationId>                   an invitation; GSI byParent: gpk T#<t>#ASM#<id>
 *   pk T#<t>  sk SES#<sessionId>                      a session (its status and times)
 *   pk T#<t>  sk SES#<sessionId>#FORM                 its drawn form (~60 KB of JSON, gzipped; written
 *                                                      once, apart so a status change is not billed by it)
 *   pk T#<t>  sk SES#<sessionId>#GATE                 the session's gate: whether it takes writes
 *   pk T#<t>  sk SES#<sessionId>#SIG#<hash>           a batch of integrity signals, keyed by its content
 *                                                      (a retried batch lands on the same item)
 *   pk T#<t>  sk CAND#<key>#INV#<invitationId>         finds a candidate's invitations by the
 *                                                      hash of their email / external id
 *   pk T#<t>  sk ERA#<erasureId>                       an erasure request and its confirmations
 *   pk T#<t>  sk ERASED#<key>                          which erasure a candidate key went to
 * The answers table (no stream: autosaves never pass through the outbox relay):
 *   pk T#<t>#SES#<sessionId>  sk ANS#<itemId>         the latest answer to one item
 * Documents (playbooks, forms, answers) are stored as JSON text so they read back byte for byte
 * (the drawn form gzipped: it is read and written whole, and billed by its size).
 * Items holding candidate data carry `ttl` (epoch seconds) from the invitation's `retainUntil`.
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
  /** End of the tenant's retention: this invitation, its session and answers expire then. */
  retainUntil?: string;
  /** Set when the candidate's personal data was erased (the candidate fields are blanked). */
  erasedAt?: string;
  erasureId?: string;
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
  retainUntil?: string;
  /** Where the submission went when it was too large for the bus (erased with the session). */
  submissionClaim?: ClaimRef;
  erasedAt?: string;
  erasureId?: string;
}

export type ServiceConfirmation = {
  status: 'pending' | 'complete';
  erasedAt?: string;
  counts?: Record<string, number>;
};

export interface ErasureRecord {
  erasureId: string;
  status: 'pending' | 'complete';
  requestedAt: string;
  completedAt: string | null;
  invitationIds: string[];
  sessionIds: string[];
  services: Record<string, ServiceConfirmation>;
}

/** What one erasure request changes in this table, decided from what was read. */
export interface ErasurePlan {
  record: ErasureRecord;
  /** The erased candidate's lookup keys: each remembers the erasure, so a repeat finds it. */
  candidateKeys: string[];
  invitations: InvitationRecord[];
  sessions: SessionRecord[];
  /** Until when the erasure record itself is kept (ids only). */
  retainUntil: string;
}

export interface StoredAnswer {
  itemId: string;
  answer: Record<string, unknown>;
  seq: number;
  savedAt: string;
}

/**
 * The small item (~0.2 KB) every answer and signal write reads, strongly consistent, instead of
 * the session record (a read is billed by the size it reads). Written with the session and
 * changed in the same transaction as every change of the session's status, so it always says
 * what the session record says, with one state of its own: `closing`, set by a submit before it
 * reads the answers (the record stays `in-progress` until the submit's transaction). Only
 * `in-progress` takes writes. Holds no candidate data.
 */
export interface SessionGate {
  invitationId: string;
  status: SessionRecord['status'] | 'closing';
  closesAt: string;
  retainUntil?: string;
  erasedAt?: string;
  /** Set with `closing`: why and when the submit began (a repeated submit finishes it so). */
  reason?: SubmitReason;
  closingAt?: string;
}

/** How a submit that closed the gate (or found it closing) goes on. */
export interface GateClosing {
  reason: SubmitReason;
  closingAt: string;
}

/** One answer write: applied over `previous` (absent when new), or refused for `stored`. */
export type AnswerWrite =
  | { applied: true; answer: StoredAnswer; previous?: Record<string, AttributeValue> }
  | { applied: false; stored: StoredAnswer };

/** A write was refused because the session no longer takes writes; `gate` says why. */
export class SessionClosedError extends Error {
  constructor(
    sessionId: string,
    readonly gate: SessionGate,
  ) {
    super(`Session ${sessionId} is ${gate.status}`);
  }
}

/**
 * The session has no gate item: it can take no writes (fail closed). Every session is created
 * with one, so this is a fault in the data, not in the request.
 */
export class MissingGateError extends Error {
  constructor(sessionId: string) {
    super(`Session ${sessionId} has no gate item (SES#${sessionId}#GATE); its writes are refused`);
  }
}
export class ConflictError extends Error {}

type Key = Record<string, AttributeValue>;
type Page<T> = { items: T[]; next?: Key };

export class SessionStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(sessionService.table),
    readonly answersTable = tableName(answersTableDefinition),
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

  /** The invitation and its candidate lookup items, together. */
  async putInvitation(tenantId: string, record: InvitationRecord): Promise<void> {
    const ttl = ttlOf(record.retainUntil);
    await this.db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: marshall(
                {
                  pk: `T#${tenantId}`,
                  sk: `INV#${record.id}`,
                  gpk: `T#${tenantId}#ASM#${record.assessmentId}`,
                  gsk: `INV#${record.id}`,
                  ...record,
                  ...ttl,
                },
                { removeUndefinedValues: true },
              ),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...invitationKeys(record.candidate).map((key) => ({
            Put: {
              TableName: this.table,
              Item: marshall({
                pk: `T#${tenantId}`,
                sk: lookupSk(key, record.id),
                invitationId: record.id,
                ...ttl,
              }),
            },
          })),
        ],
      }),
    );
  }

  /** Ids of the invitations whose candidate has one of these lookup keys (no scan). */
  async invitationIdsByKeys(tenantId: string, keys: string[]): Promise<string[]> {
    const ids = new Set<string>();
    for (const key of keys) {
      for (const item of await this.queryAll(tenantId, `CAND#${key}#INV#`))
        ids.add(item.invitationId as string);
    }
    return [...ids].sort();
  }

  /** The erasure a candidate key already went to, if any (a repeated request finds it). */
  async erasureIdByKeys(tenantId: string, keys: string[]): Promise<string | undefined> {
    for (const key of keys) {
      const item = await this.get(tenantId, `ERASED#${key}`);
      if (item) return item.erasureId as string;
    }
    return undefined;
  }

  /**
   * The erasure request in one transaction with its event: the record, the candidate fields of
   * every invitation blanked, the lookup items deleted, sessions marked erased (one still open
   * is closed unscored). Each update is conditional on the status read, so a candidate starting
   * or submitting meanwhile fails it as a ConflictError and the caller plans again.
   */
  async recordErasure(tenantId: string, plan: ErasurePlan, event: PendingEvent): Promise<void> {
    const { record } = plan;
    const at = record.requestedAt;
    const ttl = ttlOf(plan.retainUntil);
    const writes: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: marshall({ pk: `T#${tenantId}`, sk: `ERA#${record.erasureId}`, ...record, ...ttl }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...plan.candidateKeys.map((key) => ({
        Put: {
          TableName: this.table,
          Item: marshall({
            pk: `T#${tenantId}`,
            sk: `ERASED#${key}`,
            erasureId: record.erasureId,
            ...ttl,
          }),
        },
      })),
    ];
    for (const inv of plan.invitations) {
      writes.push({
        Update: {
          TableName: this.table,
          Key: marshall({ pk: `T#${tenantId}`, sk: `INV#${inv.id}` }),
          UpdateExpression: 'SET candidate = :blank, erasedAt = :at, erasureId = :era',
          ConditionExpression: '#s = :was AND attribute_not_exists(erasedAt)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: marshall({
            ':blank': ERASED_CANDIDATE,
            ':at': at,
            ':era': record.erasureId,
            ':was': inv.status,
          }),
        },
      });
      for (const key of invitationKeys(inv.candidate)) {
        writes.push({
          Delete: {
            TableName: this.table,
            Key: marshall({ pk: `T#${tenantId}`, sk: lookupSk(key, inv.id) }),
          },
        });
      }
    }
    for (const ses of plan.sessions) {
      writes.push({
        Update: {
          TableName: this.table,
          Key: marshall({ pk: `T#${tenantId}`, sk: `SES#${ses.id}` }),
          UpdateExpression: 'SET erasedAt = :at, erasureId = :era, #s = :next',
          ConditionExpression: '#s = :was',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: marshall({
            ':at': at,
            ':era': record.erasureId,
            ':was': ses.status,
            ':next': ses.status === 'in-progress' ? 'revoked' : ses.status,
          }),
        },
      });
      writes.push(
        gateUpdate(this.table, tenantId, ses.id, {
          status: ses.status === 'in-progress' ? 'revoked' : ses.status,
          erasedAt: at,
        }),
      );
    }
    await this.transact(writes, [event]);
  }

  async getErasure(tenantId: string, erasureId: string): Promise<ErasureRecord | undefined> {
    return (await this.get(tenantId, `ERA#${erasureId}`)) as ErasureRecord | undefined;
  }

  /**
   * Records one service's confirmation, then completes the request once every expected
   * service has confirmed. Redelivered confirmations change nothing but the counts.
   */
  async confirmErasure(
    tenantId: string,
    erasureId: string,
    service: string,
    confirmation: ServiceConfirmation,
    expected: readonly string[],
    now: string,
  ): Promise<ErasureRecord | undefined> {
    const key = marshall({ pk: `T#${tenantId}`, sk: `ERA#${erasureId}` });
    let updated: Record<string, AttributeValue> | undefined;
    try {
      const out = await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET services.#svc = :c',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#svc': service },
          ExpressionAttributeValues: marshall(
            { ':c': confirmation },
            { removeUndefinedValues: true },
          ),
          ReturnValues: 'ALL_NEW',
        }),
      );
      updated = out.Attributes;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
    const record = unmarshall(updated!) as ErasureRecord;
    const done = expected.every((s) => record.services[s]?.status === 'complete');
    if (!done || record.status === 'complete') return record;
    try {
      await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET #s = :complete, completedAt = :now',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: marshall({
            ':complete': 'complete',
            ':pending': 'pending',
            ':now': now,
          }),
        }),
      );
    } catch (err) {
      // Another confirmation completed it first.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    return { ...record, status: 'complete', completedAt: record.completedAt ?? now };
  }

  /** Deletes a session's answers and signal batches; returns how many of each. */
  async deleteSessionData(
    tenantId: string,
    sessionId: string,
  ): Promise<{ answers: number; signals: number }> {
    const keysOf = async (table: string, pk: string, prefix: string) =>
      (
        await this.db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: marshall({ ':pk': pk, ':prefix': prefix }),
            ProjectionExpression: 'pk, sk',
            ConsistentRead: true,
          }),
        )
      ).Items ?? [];
    let answers = 0;
    let signals = 0;
    // A page per round: deleted items drop out of the next query.
    for (;;) {
      const a = await keysOf(this.answersTable, answersPk(tenantId, sessionId), 'ANS#');
      // Answers saved before they had a table of their own, should any be left.
      const legacy = await keysOf(this.table, `T#${tenantId}`, `SES#${sessionId}#ANS#`);
      const s = await keysOf(this.table, `T#${tenantId}`, `SES#${sessionId}#SIG#`);
      if (a.length + legacy.length + s.length === 0) return { answers, signals };
      await this.deleteKeys(this.answersTable, a);
      await this.deleteKeys(this.table, [...legacy, ...s]);
      answers += a.length + legacy.length;
      signals += s.length;
    }
  }

  /**
   * Deletes this tenant's outbox items whose event names one of `ids`: a relayed event keeps
   * its payload (answers included) until the outbox TTL otherwise. Erasure events stay.
   */
  deleteOutboxMentioning(tenantId: string, ids: string[]): Promise<number> {
    return deleteOutboxMentioning(this.db, this.table, tenantId, ids, 'candidate.');
  }

  /** Queues an event on its own (nothing else changes with it). */
  async publish(event: PendingEvent): Promise<void> {
    await transactWithEvents(this.db, this.table, [], [event]);
  }

  private async deleteKeys(table: string, keys: Key[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 25) {
      let requests: Record<string, { DeleteRequest: { Key: Key } }[]> | undefined = {
        [table]: keys
          .slice(i, i + 25)
          .map((k) => ({ DeleteRequest: { Key: { pk: k.pk!, sk: k.sk! } } })),
      };
      for (let round = 0; requests && Object.keys(requests).length > 0; round++) {
        if (round > 0) await new Promise((done) => setTimeout(done, 20 * round));
        const out = await this.db.send(new BatchWriteItemCommand({ RequestItems: requests }));
        requests = out.UnprocessedItems as typeof requests;
      }
    }
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
   * per invitation), the session and its gate are written and `session.started` queued, in one
   * transaction. Throws ConflictError when another start won the race.
   *
   * The drawn form is written first, on its own: it is keyed by the new session id, so a form
   * left by a start that lost the race is never read (and expires with the candidate's data),
   * and a transaction is billed twice for each item it writes.
   */
  async startSession(tenantId: string, session: SessionRecord, event: PendingEvent): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({
          ...formKey(tenantId, session.id),
          // Gzipped JSON: the same bytes back, at a sixth of the size billed to write and read.
          form: gzipSync(JSON.stringify(session.form)),
          ...ttlOf(session.retainUntil),
        }),
      }),
    );
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
        {
          Put: {
            TableName: this.table,
            Item: marshall(
              {
                ...gateKey(tenantId, session.id),
                invitationId: session.invitationId,
                status: session.status,
                closesAt: session.closesAt,
                retainUntil: session.retainUntil,
                ...ttlOf(session.retainUntil),
              } satisfies SessionGate & Record<string, unknown>,
              { removeUndefinedValues: true },
            ),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      [event],
    );
  }

  /** The session's gate (strongly consistent: it decides whether a write is still taken). */
  async getGate(tenantId: string, sessionId: string): Promise<SessionGate | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall(gateKey(tenantId, sessionId)),
        ConsistentRead: true,
      }),
    );
    return out.Item && toGate(out.Item);
  }

  /**
   * `consistent: false` reads at half the price and may miss a write of the last second: only
   * for what never changes once the session exists (its form, owner and times), with a
   * consistent read again when it finds nothing.
   */
  async getSession(
    tenantId: string,
    id: string,
    { consistent = true } = {},
  ): Promise<SessionRecord | undefined> {
    const read = async (sk: string) =>
      (consistent ? undefined : await this.get(tenantId, sk, false)) ?? this.get(tenantId, sk);
    const item = await read(`SES#${id}`);
    if (!item) return undefined;
    // Written before the record, so found whenever the record is.
    const form = await read(formKey(tenantId, id).sk);
    if (!form) throw new Error(`Session ${id} has no form item (SES#${id}#FORM)`);
    const json = gunzipSync(form.form as Uint8Array).toString('utf8');
    return { ...item, form: JSON.parse(json) } as unknown as SessionRecord;
  }

  /**
   * Writes an answer unless a newer or equal `seq` is stored: one conditional PutItem, which
   * does not look at the session. The caller reads the gate after it (domain/answer-writes.ts
   * says why that order is safe) and undoes the write with `undoAnswer` if the gate was shut.
   */
  async putAnswer(
    tenantId: string,
    sessionId: string,
    answer: StoredAnswer,
    retainUntil?: string,
  ): Promise<AnswerWrite> {
    try {
      const out = await this.db.send(
        new PutItemCommand({
          TableName: this.answersTable,
          Item: answerItem(tenantId, sessionId, answer, retainUntil),
          ConditionExpression: 'attribute_not_exists(seq) OR seq < :seq',
          ExpressionAttributeValues: marshall({ ':seq': answer.seq }),
          // What it replaced, to put back if the gate turns out shut (no extra capacity billed).
          ReturnValues: 'ALL_OLD',
          // What won instead, so a refused write is answered without another read.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { applied: true, answer, ...(out.Attributes ? { previous: out.Attributes } : {}) };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException) || !err.Item) throw err;
      return { applied: false, stored: toAnswer(unmarshall(err.Item)) };
    }
  }

  /**
   * Takes back an applied answer write the gate refused: the item it replaced goes back (or the
   * item goes, if it was new), unless a later write replaced it meanwhile (that writer undoes
   * its own). `erased`: the item is deleted whatever it holds, so no answer outlives an erasure.
   */
  async undoAnswer(
    tenantId: string,
    sessionId: string,
    write: Extract<AnswerWrite, { applied: true }>,
    { erased = false } = {},
  ): Promise<void> {
    const Key = marshall(answerKey(tenantId, sessionId, write.answer.itemId));
    const mine = {
      ConditionExpression: 'seq = :mine',
      ExpressionAttributeValues: marshall({ ':mine': write.answer.seq }),
    };
    try {
      if (erased) await this.db.send(new DeleteItemCommand({ TableName: this.answersTable, Key }));
      else if (write.previous)
        await this.db.send(
          new PutItemCommand({ TableName: this.answersTable, Item: write.previous, ...mine }),
        );
      else
        await this.db.send(new DeleteItemCommand({ TableName: this.answersTable, Key, ...mine }));
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  async getAnswer(
    tenantId: string,
    sessionId: string,
    itemId: string,
  ): Promise<StoredAnswer | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.answersTable,
        Key: marshall(answerKey(tenantId, sessionId, itemId)),
        ConsistentRead: true,
      }),
    );
    return out.Item && toAnswer(unmarshall(out.Item));
  }

  /** Every answer of the session, strongly consistent (a submit reads them after closing the gate). */
  async listAnswers(tenantId: string, sessionId: string): Promise<StoredAnswer[]> {
    const answers: StoredAnswer[] = [];
    let start: Key | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.answersTable,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: marshall({
            ':pk': answersPk(tenantId, sessionId),
            ':prefix': 'ANS#',
          }),
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      answers.push(...(out.Items ?? []).map((i) => toAnswer(unmarshall(i))));
      start = out.LastEvaluatedKey;
    } while (start);
    return answers;
  }

  /**
   * A submit's first step: the gate goes from `in-progress` to `closing`, recording why and
   * when, so no answer write is acknowledged from then on. A gate already `closing` (a submit
   * that stopped before its transaction) is returned as it is, for this submit to finish.
   * Throws SessionClosedError when the gate is in any other state, MissingGateError without one.
   */
  async closeGate(tenantId: string, sessionId: string, closing: GateClosing): Promise<GateClosing> {
    try {
      await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(gateKey(tenantId, sessionId)),
          UpdateExpression: 'SET #s = :closing, reason = :reason, closingAt = :at',
          ConditionExpression: '#s = :open AND attribute_not_exists(erasedAt)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: marshall({
            ':closing': 'closing',
            ':open': 'in-progress',
            ':reason': closing.reason,
            ':at': closing.closingAt,
          }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return closing;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      if (!err.Item) throw new MissingGateError(sessionId);
      const gate = toGate(err.Item);
      if (gate.status === 'closing' && !gate.erasedAt && gate.reason && gate.closingAt)
        return { reason: gate.reason, closingAt: gate.closingAt };
      throw new SessionClosedError(sessionId, gate);
    }
  }

  async addSignals(
    tenantId: string,
    sessionId: string,
    batchId: string,
    signals: Record<string, unknown>[],
    retainUntil?: string,
  ): Promise<void> {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({
          pk: `T#${tenantId}`,
          sk: `SES#${sessionId}#SIG#${batchId}`,
          signals: JSON.stringify(signals),
          ...ttlOf(retainUntil),
        }),
      }),
    );
  }

  async listSignals(tenantId: string, sessionId: string): Promise<Record<string, unknown>[]> {
    const items = await this.queryAll(tenantId, `SES#${sessionId}#SIG#`);
    return items.flatMap((i) => JSON.parse(i.signals as string) as Record<string, unknown>[]);
  }

  /**
   * Ends the session (only if still in progress and its gate `closing`, so a second submit never
   * queues a second event) and the invitation with it, plus any claim-check writes, in one
   * transaction. Throws ConflictError when it had already ended.
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
              'SET #s = :submitted, submittedAt = :at, reason = :reason, answered = :answered' +
              (session.submissionClaim ? ', submissionClaim = :claim' : ''),
            ConditionExpression: '#s = :open',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: marshall(
              {
                ':submitted': 'submitted',
                ':open': 'in-progress',
                ':at': session.submittedAt,
                ':reason': session.reason,
                ':answered': session.answered,
                ':claim': session.submissionClaim,
              },
              { removeUndefinedValues: true },
            ),
          },
        },
        gateUpdate(this.table, tenantId, session.id, { status: 'submitted' }, 'closing'),
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
      // Not while a submit is closing it: that submit finishes, and revoking then meets `submitted`.
      writes.push(
        gateUpdate(
          this.table,
          tenantId,
          invitation.sessionId,
          { status: 'revoked' },
          'in-progress',
        ),
      );
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

  private async get(
    tenantId: string,
    sk: string,
    consistent = true,
  ): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: `T#${tenantId}`, sk }),
        ConsistentRead: consistent,
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

/** The answers table's declaration in the manifest (one source of truth for its name). */
const answersTableDefinition = sessionService.extraTables.find((t) => t.name === 'answers')!;

/** A session's answers share a partition of their own: listing them reads nothing else. */
function answersPk(tenantId: string, sessionId: string): string {
  return `T#${tenantId}#SES#${sessionId}`;
}

function answerKey(tenantId: string, sessionId: string, itemId: string) {
  return { pk: answersPk(tenantId, sessionId), sk: `ANS#${itemId}` };
}

function answerItem(
  tenantId: string,
  sessionId: string,
  answer: StoredAnswer,
  retainUntil: string | undefined,
): Key {
  return marshall({
    ...answerKey(tenantId, sessionId, answer.itemId),
    ...answer,
    // JSON text, so the answer reads back byte for byte.
    answer: JSON.stringify(answer.answer),
    ...ttlOf(retainUntil, answersTableDefinition.ttlAttribute),
  });
}

function gateKey(tenantId: string, sessionId: string) {
  return { pk: `T#${tenantId}`, sk: `SES#${sessionId}#GATE` };
}

/**
 * Keeps the gate in step with a status change of the session record, in the same transaction.
 * The session record's own condition decides whether the change happens; `from`, when given,
 * is the gate state the change needs too (a submit needs `closing`, a revocation `in-progress`).
 */
function gateUpdate(
  table: string,
  tenantId: string,
  sessionId: string,
  change: Pick<SessionGate, 'status' | 'erasedAt'>,
  from?: SessionGate['status'],
): TransactWriteItem {
  const values = marshall(
    { ':s': change.status, ':at': change.erasedAt, ':from': from },
    { removeUndefinedValues: true },
  );
  return {
    Update: {
      TableName: table,
      Key: marshall(gateKey(tenantId, sessionId)),
      UpdateExpression: 'SET #s = :s' + (change.erasedAt ? ', erasedAt = :at' : ''),
      ...(from ? { ConditionExpression: '#s = :from' } : {}),
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

function toGate(item: Key): SessionGate {
  const { invitationId, status, closesAt, retainUntil, erasedAt, reason, closingAt } =
    unmarshall(item);
  return {
    invitationId,
    status,
    closesAt,
    ...(retainUntil ? { retainUntil } : {}),
    ...(erasedAt ? { erasedAt } : {}),
    ...(reason ? { reason } : {}),
    ...(closingAt ? { closingAt } : {}),
  } as SessionGate;
}

function formKey(tenantId: string, sessionId: string) {
  return { pk: `T#${tenantId}`, sk: `SES#${sessionId}#FORM` };
}

/** The session record without its form (which has an item of its own). */
function sessionItem(tenantId: string, s: SessionRecord): Key {
  const { form: _form, ...record } = s;
  return marshall(
    { pk: `T#${tenantId}`, sk: `SES#${s.id}`, ...record, ...ttlOf(s.retainUntil) },
    { removeUndefinedValues: true },
  );
}

function lookupSk(key: string, invitationId: string): string {
  return `CAND#${key}#INV#${invitationId}`;
}

/** The TTL attribute for an item kept until `retainUntil` (none for older records without one). */
function ttlOf(
  retainUntil: string | undefined,
  attribute = sessionService.table.ttlAttribute,
): Record<string, number> {
  return retainUntil ? { [attribute]: ttlSeconds(retainUntil) } : {};
}

/** What an erased invitation shows instead of the candidate. */
export const ERASED_CANDIDATE = { name: '[erased]', email: '[erased]' } as const;

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
  const { pk: _pk, sk: _sk, gpk: _gpk, gsk: _gsk, ttl: _ttl, ...rest } = unmarshall(item);
  return rest;
}
