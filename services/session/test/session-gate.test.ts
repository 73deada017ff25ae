import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type ConsumedCapacity,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { candidateErasureRequested, createEvent, sessionStarted } from '@assay/events';
import { useTestTables } from '@assay/local/test-support/dynamo';
import {
  HttpProblem,
  outboxEntryFromImage,
  ttlSeconds,
  type CandidatePrincipal,
} from '@assay/platform';
import { drawForm, findBuiltin } from '@assay/playbooks';
import { recordSignals, saveAnswer, syncSession } from '../src/domain/answer-writes';
import { newId } from '../src/domain/ids';
import { revokeInvitation } from '../src/domain/invitations';
import { expireSession, startSession, submitSession, takeView } from '../src/domain/sessions';
import {
  MissingGateError,
  SessionStore,
  type InvitationRecord,
  type SessionGate,
  type SessionRecord,
} from '../src/store';

// The session's gate (SES#<id>#GATE) and the answers table on DynamoDB Local: a save is one
// conditional PutItem and then one strongly consistent read of the gate; a submit closes the
// gate before it reads the answers, so a save racing it is in the snapshot or refused, never
// acknowledged and missing; a gate left `closing` is finished by the next submit or the deadline.

const NOW = new Date('2026-06-01T10:00:00.000Z');
const RETAIN = '2028-06-01T10:00:00.000Z';
const playbook = findBuiltin('medical-billing-specialist')!;
let db: DynamoDBClient;
let store: SessionStore;
/** Every command sent, with the write units DynamoDB reported for it. */
let sent: { command: string; table: string | undefined; units: number }[] = [];

beforeAll(async () => {
  ({ db } = await useTestTables());
  store = new SessionStore(db);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const used = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
        .ConsumedCapacity;
      const list = used === undefined ? [] : Array.isArray(used) ? used : [used];
      sent.push({
        command: context.commandName ?? '',
        table: input.TableName as string | undefined,
        units: list.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0),
      });
      return result;
    },
    { step: 'initialize', name: 'sessionGateTestCapacity' },
  );
});

const tenant = () => `tg${randomBytes(3).toString('hex')}`;

/** A started session with a real drawn form (~60 KB of JSON). */
async function started(tenantId: string, db2: SessionStore = store) {
  const id = newId('ses');
  const invitation: InvitationRecord = {
    id: newId('inv'),
    assessmentId: 'asm_1',
    candidate: { name: 'Ada Lovelace', email: 'ada@example.com' },
    expiresAt: '2026-06-10T00:00:00.000Z',
    extraTimePercent: 0,
    status: 'invited',
    sessionId: null,
    createdAt: NOW.toISOString(),
    retainUntil: RETAIN,
  };
  await db2.putInvitation(tenantId, invitation);
  const session: SessionRecord = {
    id,
    invitationId: invitation.id,
    assessmentId: 'asm_1',
    status: 'in-progress',
    startedAt: NOW.toISOString(),
    deadline: '2026-06-01T10:30:00.000Z',
    closesAt: '2026-06-01T10:30:30.000Z',
    playbook: { id: playbook.id, version: playbook.version, hash: `sha256:${'a'.repeat(64)}` },
    form: drawForm(playbook, { seed: id }),
    submittedAt: null,
    reason: null,
    answered: null,
    retainUntil: RETAIN,
  };
  const event = createEvent(
    sessionStarted,
    { tenantId, correlationId: 'c' },
    {
      sessionId: id,
      assessmentId: 'asm_1',
      invitationId: invitation.id,
      startedAt: session.startedAt,
      playbook: session.playbook,
    },
    NOW,
  );
  await db2.startSession(tenantId, session, { def: sessionStarted, detail: event });
  const principal: CandidatePrincipal = {
    kind: 'candidate',
    tenantId,
    invitationId: invitation.id,
    expiresAt: '2026-06-10T00:00:00.000Z',
  };
  const written = session.form.playbook.items.filter((i) => i.type === 'written').map((i) => i.id);
  return {
    session,
    invitation: { ...invitation, status: 'started' as const, sessionId: id },
    principal,
    written,
  };
}

type Started = Awaited<ReturnType<typeof started>>;

const save = (s: Started, seq: number, itemId = s.written[0]!, at = NOW, on = store) =>
  saveAnswer(on, s.principal, s.session.id, itemId, { seq, answer: { text: `draft ${seq}` } }, at);

const submit = (s: Started, at = NOW, on = store) =>
  submitSession(
    on,
    s.principal,
    s.session.id,
    { tenantId: s.principal.tenantId, correlationId: 'c' },
    at,
  );

const refusedWith = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpProblem);
  return err as HttpProblem;
};

const raw = async (table: string, pk: string, sk: string) => {
  const out = await db.send(
    new GetItemCommand({ TableName: table, Key: marshall({ pk, sk }), ConsistentRead: true }),
  );
  return out.Item && { item: unmarshall(out.Item), bytes: JSON.stringify(out.Item).length };
};

/** The answers `session.submitted` carried, as queued in the outbox. */
async function snapshots(tenantId: string, sessionId: string) {
  const out = await db.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}#OUTBOX` }),
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? [])
    .map((i) => outboxEntryFromImage(i))
    .filter((e) => e?.detailType === 'session.submitted')
    .map(
      (e) =>
        e!.detail.data as {
          sessionId: string;
          reason: string;
          answers: Record<string, { text: string }>;
        },
    )
    .filter((d) => d.sessionId === sessionId);
}

/** The snapshot's seq of each item (answers are `draft <seq>`). */
const seqs = (answers: Record<string, { text: string }>) =>
  Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, Number(a.text.split(' ')[1])]));

describe('the session gate and the answers table', () => {
  it('is written with the session: small, no candidate data, expiring with the session', async () => {
    const t = tenant();
    const { session } = await started(t);
    const gate = await raw(store.table, `T#${t}`, `SES#${session.id}#GATE`);
    expect(gate!.item).toEqual({
      pk: `T#${t}`,
      sk: `SES#${session.id}#GATE`,
      invitationId: session.invitationId,
      status: 'in-progress',
      closesAt: session.closesAt,
      retainUntil: RETAIN,
      ttl: ttlSeconds(RETAIN),
    });
    expect(gate!.bytes).toBeLessThan(1024);
  });

  it('keeps the drawn form in an item of its own, written before the start transaction', async () => {
    const t = tenant();
    sent = [];
    const { session } = await started(t);
    const starting = sent.filter((c) => c.command !== 'TransactWriteItemsCommand');
    expect(starting.map((c) => c.command)).toContain('PutItemCommand');
    // The transaction writes invitation, record, gate and outbox event: not the ~10 KB form.
    const transaction = sent.filter((c) => c.command === 'TransactWriteItemsCommand').at(-1)!;
    // DynamoDB Local counts 6 units for it; with the gzipped form inside it was over 20.
    expect(transaction.units).toBeLessThanOrEqual(8);
    const record = await raw(store.table, `T#${t}`, `SES#${session.id}`);
    expect(record!.item.form).toBeUndefined();
    expect(record!.bytes).toBeLessThan(1024);
    const form = await raw(store.table, `T#${t}`, `SES#${session.id}#FORM`);
    expect(form!.item.ttl).toBe(ttlSeconds(RETAIN));
    expect(form!.item.form).toBeInstanceOf(Uint8Array);
    expect(await store.getSession(t, session.id)).toEqual(session);
    expect(await store.getSession(t, session.id, { consistent: false })).toEqual(session);
  });

  it('saves with one conditional PutItem into the answers table and one gate read', async () => {
    const t = tenant();
    const s = await started(t);
    await save(s, 1); // remembers the session's facts
    sent = [];
    expect(await save(s, 2)).toEqual({ itemId: s.written[0], seq: 2, applied: true });
    expect(sent.map((c) => [c.command, c.table])).toEqual([
      ['PutItemCommand', store.answersTable],
      ['GetItemCommand', store.table],
    ]);
    expect(sent[0]!.units).toBeLessThanOrEqual(1);
    // An older or the same seq never wins, and the response says what is stored (no extra read).
    sent = [];
    expect(await save(s, 1)).toEqual({ itemId: s.written[0], seq: 2, applied: false });
    expect(await save(s, 2)).toEqual({ itemId: s.written[0], seq: 2, applied: false });
    expect(sent.map((c) => c.command)).not.toContain('TransactWriteItemsCommand');
    const stored = await raw(
      store.answersTable,
      `T#${t}#SES#${s.session.id}`,
      `ANS#${s.written[0]}`,
    );
    expect(stored!.item).toMatchObject({ seq: 2, ttl: ttlSeconds(RETAIN) });
    expect(JSON.parse(stored!.item.answer as string)).toEqual({ text: 'draft 2' });
    // Nothing of the answer in the session table (whose stream feeds the outbox relay).
    const inSessionTable = await db.send(
      new QueryCommand({
        TableName: store.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: marshall({ ':pk': `T#${t}`, ':p': `SES#${s.session.id}#ANS` }),
      }),
    );
    expect(inSessionTable.Items).toEqual([]);
    // Another tenant's key space sees nothing.
    expect(await store.listAnswers(tenant(), s.session.id)).toEqual([]);
  });

  it('refuses saves after submit, taking the refused write back', async () => {
    const t = tenant();
    const s = await started(t);
    await save(s, 1);
    expect(await submit(s)).toMatchObject({ status: 'submitted', answered: 1 });
    expect((await store.getGate(t, s.session.id))?.status).toBe('submitted');
    const refused = await refusedWith(save(s, 2, s.written[0], NOW));
    expect(refused).toMatchObject({ status: 409, slug: 'session-submitted' });
    const fresh = await refusedWith(save(s, 1, s.written[1], NOW));
    expect(fresh.status).toBe(409);
    expect((await store.getAnswer(t, s.session.id, s.written[0]!))?.seq).toBe(1);
    expect(await store.getAnswer(t, s.session.id, s.written[1]!)).toBeUndefined();
  });

  it('refuses with 410 after revocation, signals too', async () => {
    const t = tenant();
    const s = await started(t);
    expect(await recordSignals(store, s.principal, s.session.id, [{ kind: 'paste' }])).toEqual({
      recorded: 1,
    });
    await save(s, 1);
    await store.revoke(t, s.invitation);
    expect((await store.getGate(t, s.session.id))?.status).toBe('revoked');
    expect(await refusedWith(save(s, 2))).toMatchObject({
      status: 410,
      slug: 'invitation-revoked',
    });
    expect((await store.getAnswer(t, s.session.id, s.written[0]!))?.seq).toBe(1);
    const signal = await refusedWith(
      recordSignals(store, s.principal, s.session.id, [{ kind: 'focus-lost' }]),
    );
    expect(signal.status).toBe(410);
    expect(await store.listSignals(t, s.session.id)).toHaveLength(1);
  });

  it('after erasure, deletes the answer a refused save wrote, and erasure deletes the rest', async () => {
    const t = tenant();
    const s = await started(t);
    await save(s, 1);
    await save(s, 1, s.written[2]);
    await recordSignals(store, s.principal, s.session.id, [{ kind: 'paste' }]);
    const record = {
      erasureId: newId('era'),
      status: 'pending' as const,
      requestedAt: NOW.toISOString(),
      completedAt: null,
      invitationIds: [s.invitation.id],
      sessionIds: [s.session.id],
      services: {},
    };
    const event = createEvent(
      candidateErasureRequested,
      { tenantId: t, correlationId: 'c' },
      {
        erasureId: record.erasureId,
        invitationIds: record.invitationIds,
        sessionIds: record.sessionIds,
        requestedAt: record.requestedAt,
      },
      NOW,
    );
    await store.recordErasure(
      t,
      {
        record,
        candidateKeys: [],
        invitations: [s.invitation],
        sessions: [s.session],
        retainUntil: RETAIN,
      },
      { def: candidateErasureRequested, detail: event },
    );
    expect(await store.getGate(t, s.session.id)).toMatchObject({
      status: 'revoked',
      erasedAt: NOW.toISOString(),
    });
    expect((await refusedWith(save(s, 2, s.written[1]))).status).toBe(410);
    expect(await store.getAnswer(t, s.session.id, s.written[1]!)).toBeUndefined();
    // A refused overwrite of an answer that erasure has yet to delete goes too.
    expect((await refusedWith(save(s, 2))).status).toBe(410);
    expect(await store.getAnswer(t, s.session.id, s.written[0]!)).toBeUndefined();
    // An answer saved into the session table before answers had a table of their own goes too.
    await db.send(
      new PutItemCommand({
        TableName: store.table,
        Item: marshall({ pk: `T#${t}`, sk: `SES#${s.session.id}#ANS#old`, answer: '{}', seq: 1 }),
      }),
    );
    expect(await store.deleteSessionData(t, s.session.id)).toEqual({ answers: 2, signals: 1 });
    expect(await raw(store.table, `T#${t}`, `SES#${s.session.id}#ANS#old`)).toBeUndefined();
    expect(await store.listAnswers(t, s.session.id)).toEqual([]);
    expect(await store.listSignals(t, s.session.id)).toEqual([]);
  });

  it('refuses a save after the closing time before writing anything', async () => {
    const t = tenant();
    const s = await started(t);
    await save(s, 1, s.written[1]);
    sent = [];
    const late = new Date(Date.parse(s.session.closesAt) + 1);
    expect(await refusedWith(save(s, 1, s.written[0], late))).toMatchObject({
      status: 409,
      slug: 'session-closed',
    });
    expect(sent).toEqual([]);
    expect(await store.getAnswer(t, s.session.id, s.written[0]!)).toBeUndefined();
  });

  it('fails closed when the gate is missing: no answer, no signal is kept', async () => {
    const t = tenant();
    const s = await started(t);
    await db.send(
      new DeleteItemCommand({
        TableName: store.table,
        Key: marshall({ pk: `T#${t}`, sk: `SES#${s.session.id}#GATE` }),
      }),
    );
    await expect(save(s, 1)).rejects.toBeInstanceOf(MissingGateError);
    await expect(
      recordSignals(store, s.principal, s.session.id, [{ kind: 'paste' }]),
    ).rejects.toThrow(/no gate item/);
    expect(await store.getAnswer(t, s.session.id, s.written[0]!)).toBeUndefined();
    expect(await store.listSignals(t, s.session.id)).toHaveLength(0);
  });

  it("answers 404 for another candidate's session", async () => {
    const t = tenant();
    const s = await started(t);
    const other = await started(t);
    await expect(
      recordSignals(store, other.principal, s.session.id, [{ kind: 'x' }]),
    ).rejects.toMatchObject({
      status: 404,
    });
    const intruder = { ...s, principal: other.principal };
    expect((await refusedWith(save(intruder, 1))).status).toBe(404);
    expect(await store.getAnswer(t, s.session.id, s.written[0]!)).toBeUndefined();
  });

  it('records a repeated identical signal batch once', async () => {
    const t = tenant();
    const s = await started(t);
    const batch = [{ kind: 'focus-lost', at: NOW.toISOString() }];
    await recordSignals(store, s.principal, s.session.id, batch);
    await recordSignals(store, s.principal, s.session.id, batch);
    await recordSignals(store, s.principal, s.session.id, [
      { kind: 'focus-lost', at: '2026-06-01T10:01:00.000Z' },
    ]);
    expect(await store.listSignals(t, s.session.id)).toHaveLength(2);
  });
});

describe('a sync that failed part-way', () => {
  it('is safe to send again: what landed is not applied twice, the rest is', async () => {
    const t = tenant();
    const s = await started(t);
    const [a, b] = s.written;
    // DynamoDB throttles the second put of the batch (the platform answers 503).
    const flaky = new (class extends SessionStore {
      override async putAnswer(...args: Parameters<SessionStore['putAnswer']>) {
        if (args[2].itemId === b)
          throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
        return super.putAnswer(...args);
      }
    })(db);
    const body = {
      answers: [
        { itemId: a!, seq: 1, answer: { text: 'draft 1' } },
        { itemId: b!, seq: 1, answer: { text: 'draft 1' } },
      ],
      signals: [{ kind: 'focus-lost', at: NOW.toISOString() }],
    };
    await expect(syncSession(flaky, s.principal, s.session.id, body, NOW)).rejects.toThrow(
      'throttled',
    );
    // The put that landed stands (the gate is open); the signals were not recorded yet.
    expect((await store.getAnswer(t, s.session.id, a!))?.seq).toBe(1);
    expect(await store.listSignals(t, s.session.id)).toEqual([]);
    expect(await syncSession(store, s.principal, s.session.id, body, NOW)).toEqual({
      answers: [
        { itemId: a, seq: 1, applied: false },
        { itemId: b, seq: 1, applied: true },
      ],
      signalsRecorded: 1,
    });
    await syncSession(store, s.principal, s.session.id, body, NOW);
    expect(await store.listSignals(t, s.session.id)).toHaveLength(1);
  });
});

describe('a save racing a submit', () => {
  it('is in the snapshot or refused, never acknowledged and missing (real timing)', async () => {
    for (let round = 0; round < 6; round++) {
      const t = tenant();
      const s = await started(t);
      const acknowledged: Record<string, number> = {};
      // Each item saved again and again (seq 1, 2, …) while the submit runs.
      const chains = s.written.map(async (itemId) => {
        for (let seq = 1; seq <= 12; seq++) {
          try {
            const r = await save(s, seq, itemId);
            if (r.applied) acknowledged[itemId] = seq;
          } catch (err) {
            expect(err).toMatchObject({ status: 409, slug: 'session-submitted' });
            return;
          }
        }
      });
      await new Promise((done) => setTimeout(done, 5 + round * 4));
      const [result] = await Promise.all([submit(s), ...chains]);
      const [snapshot] = await snapshots(t, s.session.id);
      expect(result).toMatchObject({ status: 'submitted' });
      const inSnapshot = seqs(snapshot!.answers);
      for (const [itemId, seq] of Object.entries(acknowledged))
        expect(inSnapshot[itemId], `${itemId} acknowledged at seq ${seq}`).toBeGreaterThanOrEqual(
          seq,
        );
    }
  });

  it('is refused when its gate read comes after the gate closed, and is then in the snapshot', async () => {
    const t = tenant();
    const s = await started(t);
    // A store whose gate read waits until the submit has finished: the put lands before the
    // gate closes, the read sees it shut.
    let submitted!: () => void;
    const done = new Promise<void>((resolve) => (submitted = resolve));
    let putLanded!: () => void;
    const landed = new Promise<void>((resolve) => (putLanded = resolve));
    const slow = new (class extends SessionStore {
      override async putAnswer(...args: Parameters<SessionStore['putAnswer']>) {
        const out = await super.putAnswer(...args);
        putLanded();
        return out;
      }
      override async getGate(
        tenantId: string,
        sessionId: string,
      ): Promise<SessionGate | undefined> {
        await done;
        return super.getGate(tenantId, sessionId);
      }
    })(db);
    await save(s, 1);
    const racing = save(s, 2, s.written[0], NOW, slow);
    await landed;
    await submit(s);
    submitted();
    expect(await refusedWith(racing)).toMatchObject({ status: 409, slug: 'session-submitted' });
    const [snapshot] = await snapshots(t, s.session.id);
    expect(seqs(snapshot!.answers)[s.written[0]!]).toBe(2);
  });

  it('is acknowledged when its gate read comes before the gate closed, and is in the snapshot', async () => {
    const t = tenant();
    const s = await started(t);
    expect(await save(s, 3)).toMatchObject({ applied: true });
    await submit(s);
    const [snapshot] = await snapshots(t, s.session.id);
    expect(seqs(snapshot!.answers)[s.written[0]!]).toBe(3);
  });
});

describe('a gate left closing (a submit that stopped before its transaction)', () => {
  const closeOnly = (s: Started, reason: 'candidate' | 'time-expired') =>
    store.closeGate(s.principal.tenantId, s.session.id, { reason, closingAt: NOW.toISOString() });

  it('refuses saves and signals, and is finished by a second submit with its recorded reason and time', async () => {
    const t = tenant();
    const s = await started(t);
    await save(s, 1);
    await closeOnly(s, 'candidate');
    // Closing again (a concurrent submit) goes on with what was recorded.
    expect(
      await store.closeGate(t, s.session.id, {
        reason: 'time-expired',
        closingAt: '2026-06-01T10:05:00.000Z',
      }),
    ).toEqual({ reason: 'candidate', closingAt: NOW.toISOString() });
    expect((await refusedWith(save(s, 2))).status).toBe(409);
    expect(
      (await refusedWith(recordSignals(store, s.principal, s.session.id, [{ kind: 'x' }]))).status,
    ).toBe(409);
    const later = new Date(NOW.getTime() + 60_000);
    expect(await submit(s, later)).toEqual({
      sessionId: s.session.id,
      status: 'submitted',
      reason: 'candidate',
      submittedAt: NOW.toISOString(),
      answered: 1,
    });
    expect((await store.getGate(t, s.session.id))?.status).toBe('submitted');
    // Once only: a third submit queues nothing more.
    await submit(s, later);
    const events = await snapshots(t, s.session.id);
    expect(events).toHaveLength(1);
    expect(seqs(events[0]!.answers)).toEqual({ [s.written[0]!]: 1 });
  });

  it('is finished by the deadline', async () => {
    const t = tenant();
    const s = await started(t);
    await save(s, 1);
    await closeOnly(s, 'candidate');
    const ctx = { tenantId: t, correlationId: 'c' };
    const done = await expireSession(store, t, s.session.id, ctx, new Date(s.session.closesAt));
    expect(done).toMatchObject({ status: 'submitted', reason: 'candidate', answered: 1 });
    expect((await store.getSession(t, s.session.id))?.status).toBe('submitted');
    expect(
      await expireSession(store, t, s.session.id, ctx, new Date(s.session.closesAt)),
    ).toBeUndefined();
    expect(await snapshots(t, s.session.id)).toHaveLength(1);
  });

  it('is finished when the candidate comes back (take or resume), who then sees it submitted', async () => {
    const t = tenant();
    const viaTake = await started(t);
    await save(viaTake, 1);
    await closeOnly(viaTake, 'candidate');
    const ctx = { tenantId: t, correlationId: 'c' };
    const later = new Date(NOW.getTime() + 60_000);
    await store.putAssessment(
      t,
      {
        id: 'asm_1',
        title: 'Medical billing',
        playbook: { id: playbook.id, version: playbook.version, hash: `sha256:${'a'.repeat(64)}` },
        timeLimitMinutes: 30,
        sampling: {},
        itemCount: 21,
        createdAt: NOW.toISOString(),
      },
      JSON.stringify(playbook),
    );
    const take = await takeView(store, viaTake.principal, ctx, later);
    expect(take.session).toMatchObject({ status: 'submitted', submittedAt: NOW.toISOString() });
    expect(await snapshots(t, viaTake.session.id)).toHaveLength(1);

    const viaResume = await started(t);
    await closeOnly(viaResume, 'candidate');
    const resumed = await startSession(store, viaResume.principal, ctx, later);
    expect(resumed).toMatchObject({ created: false, session: { status: 'submitted' } });
    expect(await snapshots(t, viaResume.session.id)).toHaveLength(1);
  });

  it('cannot be revoked meanwhile (409), and after it finished revoking meets submitted', async () => {
    const t = tenant();
    const s = await started(t);
    await closeOnly(s, 'candidate');
    expect(await refusedWith(revokeInvitation(store, t, s.invitation.id))).toMatchObject({
      status: 409,
    });
    expect((await store.getGate(t, s.session.id))?.status).toBe('closing');
    await submit(s);
    expect(await refusedWith(revokeInvitation(store, t, s.invitation.id))).toMatchObject({
      status: 409,
    });
  });
});
