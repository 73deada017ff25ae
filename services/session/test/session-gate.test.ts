import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteItemCommand,
  GetItemCommand,
  type ConsumedCapacity,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  candidateErasureRequested,
  createEvent,
  sessionStarted,
  sessionSubmitted,
} from '@assay/events';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { ttlSeconds, type CandidatePrincipal } from '@assay/platform';
import type { DrawnForm } from '@assay/playbooks';
import { newId } from '../src/domain/ids';
import { recordSignals } from '../src/domain/sessions';
import {
  MissingGateError,
  SessionClosedError,
  SessionStore,
  type InvitationRecord,
  type SessionRecord,
} from '../src/store';

// The session's gate (SES#<id>#GATE) on DynamoDB Local: written with the session, kept in step
// with every status change, checked by every answer write at a cost that does not grow with the
// session record, and a session without one takes no writes.

const NOW = new Date('2026-06-01T10:00:00.000Z');
const RETAIN = '2028-06-01T10:00:00.000Z';
let db: DynamoDBClient;
let store: SessionStore;
/** Write units of the last TransactWriteItems, as DynamoDB reports them. */
let lastWriteUnits = 0;

beforeAll(async () => {
  ({ db } = await useTestTables());
  store = new SessionStore(db);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const transact = context.commandName === 'TransactWriteItemsCommand';
      if (transact) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      if (transact) {
        const used = (result.output as { ConsumedCapacity?: ConsumedCapacity[] }).ConsumedCapacity;
        lastWriteUnits = (used ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      }
      return result;
    },
    { step: 'initialize', name: 'sessionGateTestCapacity' },
  );
});

const tenant = () => `tg${randomBytes(3).toString('hex')}`;

/** A started session whose record carries a drawn form of ~60 KB, as real ones do. */
async function started(tenantId: string) {
  const id = `ses_${randomBytes(8).toString('hex')}`;
  const invitation: InvitationRecord = {
    id: `inv_${randomBytes(8).toString('hex')}`,
    assessmentId: 'asm_1',
    candidate: { name: 'Ada Lovelace', email: 'ada@example.com' },
    expiresAt: '2026-06-10T00:00:00.000Z',
    extraTimePercent: 0,
    status: 'invited',
    sessionId: null,
    createdAt: NOW.toISOString(),
    retainUntil: RETAIN,
  };
  await store.putInvitation(tenantId, invitation);
  const session: SessionRecord = {
    id,
    invitationId: invitation.id,
    assessmentId: 'asm_1',
    status: 'in-progress',
    startedAt: NOW.toISOString(),
    deadline: '2026-06-01T10:30:00.000Z',
    closesAt: '2026-06-01T10:31:00.000Z',
    playbook: { id: 'p', version: '1.0.0', hash: `sha256:${'a'.repeat(64)}` },
    form: { itemIds: ['q1'], padding: 'x'.repeat(60_000) } as unknown as DrawnForm,
    submittedAt: null,
    reason: null,
    answered: null,
    retainUntil: RETAIN,
  };
  const ctx = { tenantId, correlationId: 'c' };
  const event = createEvent(
    sessionStarted,
    ctx,
    {
      sessionId: id,
      assessmentId: 'asm_1',
      invitationId: invitation.id,
      startedAt: session.startedAt,
      playbook: session.playbook,
    },
    NOW,
  );
  await store.startSession(tenantId, session, { def: sessionStarted, detail: event });
  const principal: CandidatePrincipal = {
    kind: 'candidate',
    tenantId,
    invitationId: invitation.id,
    expiresAt: '2026-06-10T00:00:00.000Z',
  };
  return {
    session,
    invitation: { ...invitation, status: 'started' as const, sessionId: id },
    principal,
  };
}

const save = (tenantId: string, sessionId: string, seq: number, at = NOW) =>
  store.saveAnswer(
    tenantId,
    sessionId,
    { itemId: 'q1', answer: { text: `draft ${seq}` }, seq, savedAt: at.toISOString() },
    at,
    RETAIN,
  );

const rawGate = async (tenantId: string, sessionId: string) => {
  const out = await db.send(
    new GetItemCommand({
      TableName: store.table,
      Key: marshall({ pk: `T#${tenantId}`, sk: `SES#${sessionId}#GATE` }),
      ConsistentRead: true,
    }),
  );
  return out.Item && { item: unmarshall(out.Item), bytes: JSON.stringify(out.Item).length };
};

describe('the session gate', () => {
  it('is written with the session: small, no candidate data, expiring with the session', async () => {
    const t = tenant();
    const { session } = await started(t);
    const gate = await rawGate(t, session.id);
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

  it('keeps the drawn form in an item of its own, so status changes are not billed by it', async () => {
    const t = tenant();
    const { session } = await started(t);
    const raw = async (sk: string) =>
      unmarshall(
        (
          await db.send(
            new GetItemCommand({
              TableName: store.table,
              Key: marshall({ pk: `T#${t}`, sk }),
              ConsistentRead: true,
            }),
          )
        ).Item!,
      );
    const record = await raw(`SES#${session.id}`);
    expect(record.form).toBeUndefined();
    expect(JSON.stringify(record).length).toBeLessThan(1024);
    const form = await raw(`SES#${session.id}#FORM`);
    expect(form.ttl).toBe(ttlSeconds(RETAIN));
    expect(form.form).toBeInstanceOf(Uint8Array);
    expect(await store.getSession(t, session.id)).toEqual(session);
    expect(await store.getSession(t, session.id, { consistent: false })).toEqual(session);
  });

  it('makes a save cost a few write units whatever the size of the session record', async () => {
    const t = tenant();
    const { session } = await started(t);
    expect(await save(t, session.id, 1)).toBe(true);
    // Gate (<1 KB) + answer (<1 KB): a unit or two each (AWS doubles them in a transaction),
    // where checking the 60 KB session record itself would count 60 more.
    expect(lastWriteUnits).toBeGreaterThan(0);
    expect(lastWriteUnits).toBeLessThanOrEqual(4);
    expect(await save(t, session.id, 1)).toBe(false);
    expect((await store.getAnswer(t, session.id, 'q1'))?.seq).toBe(1);
  });

  it('closes with submit, refusing the next save with the gate that says why', async () => {
    const t = tenant();
    const { session } = await started(t);
    await save(t, session.id, 1);
    const ended: SessionRecord = {
      ...session,
      status: 'submitted',
      submittedAt: NOW.toISOString(),
      reason: 'candidate',
      answered: 1,
    };
    const event = createEvent(
      sessionSubmitted,
      { tenantId: t, correlationId: 'c' },
      {
        sessionId: session.id,
        assessmentId: 'asm_1',
        invitationId: session.invitationId,
        reason: 'candidate',
        startedAt: session.startedAt,
        submittedAt: NOW.toISOString(),
        playbook: session.playbook,
        signals: { focusLost: 0, pastes: 0, pastedChars: 0 },
        form: { seed: 's', sampling: {}, itemIds: ['q1'], playbook: {} },
        answers: {},
      },
      NOW,
    );
    await store.submitSession(t, ended, [], { def: sessionSubmitted, detail: event });
    expect((await store.getGate(t, session.id))?.status).toBe('submitted');
    const refused = await save(t, session.id, 2).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SessionClosedError);
    expect((refused as SessionClosedError).gate.status).toBe('submitted');
    expect((await store.getAnswer(t, session.id, 'q1'))?.seq).toBe(1);
  });

  it('closes with revocation and refuses signals too', async () => {
    const t = tenant();
    const { session, invitation, principal } = await started(t);
    expect(await recordSignals(store, principal, session.id, [{ kind: 'paste' }])).toEqual({
      recorded: 1,
    });
    await store.revoke(t, invitation);
    expect((await store.getGate(t, session.id))?.status).toBe('revoked');
    const refused = await save(t, session.id, 1).catch((e: unknown) => e);
    expect((refused as SessionClosedError).gate.status).toBe('revoked');
    const signal = await recordSignals(store, principal, session.id, [{ kind: 'paste' }]).catch(
      (e: unknown) => e,
    );
    expect(signal).toMatchObject({
      status: 410,
      type: expect.stringMatching(/invitation-revoked/),
    });
    expect(await store.listSignals(t, session.id)).toHaveLength(1);
  });

  it('closes with erasure, which marks the gate erased', async () => {
    const t = tenant();
    const { session, invitation } = await started(t);
    const record = {
      erasureId: newId('era'),
      status: 'pending' as const,
      requestedAt: NOW.toISOString(),
      completedAt: null,
      invitationIds: [invitation.id],
      sessionIds: [session.id],
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
        invitations: [invitation],
        sessions: [session],
        retainUntil: RETAIN,
      },
      { def: candidateErasureRequested, detail: event },
    );
    expect(await store.getGate(t, session.id)).toMatchObject({
      status: 'revoked',
      erasedAt: NOW.toISOString(),
    });
    const refused = await save(t, session.id, 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SessionClosedError);
  });

  it('refuses a save after the closing time, by the gate', async () => {
    const t = tenant();
    const { session } = await started(t);
    const late = new Date(Date.parse(session.closesAt) + 1);
    const refused = await save(t, session.id, 1, late).catch((e: unknown) => e);
    expect((refused as SessionClosedError).gate).toMatchObject({
      status: 'in-progress',
      closesAt: session.closesAt,
    });
    expect(await store.getAnswer(t, session.id, 'q1')).toBeUndefined();
  });

  it('fails closed when the gate is missing: no answer, no signal is written', async () => {
    const t = tenant();
    const { session, principal } = await started(t);
    await db.send(
      new DeleteItemCommand({
        TableName: store.table,
        Key: marshall({ pk: `T#${t}`, sk: `SES#${session.id}#GATE` }),
      }),
    );
    await expect(save(t, session.id, 1)).rejects.toBeInstanceOf(MissingGateError);
    await expect(recordSignals(store, principal, session.id, [{ kind: 'paste' }])).rejects.toThrow(
      /no gate item/,
    );
    expect(await store.getAnswer(t, session.id, 'q1')).toBeUndefined();
    expect(await store.listSignals(t, session.id)).toHaveLength(0);
  });

  it("answers 404 for another candidate's session, by the gate", async () => {
    const t = tenant();
    const { session } = await started(t);
    const { principal: other } = await started(t);
    await expect(recordSignals(store, other, session.id, [{ kind: 'x' }])).rejects.toMatchObject({
      status: 404,
    });
  });
});
