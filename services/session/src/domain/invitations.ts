import type { CandidateTokens } from '@assay/platform';
import { DEFAULT_RETENTION_MONTHS, problems, retentionEnd } from '@assay/platform';
import type { z } from 'zod';
import type { createInvitationBody } from '../service';
import type { InvitationRecord, SessionStore } from '../store';
import { ConflictError } from '../store';
import { newId } from './ids';
import {
  allowedMinutes,
  DEFAULT_INVITATION_DAYS,
  MAX_INVITATION_DAYS,
  tokenExpiry,
} from './policy';
import { sessionProblems } from './problems';

const DAY = 24 * 3600_000;

/** Invites a candidate; the token is returned once and only its hash is kept. */
export async function createInvitation(
  store: SessionStore,
  tokens: CandidateTokens,
  tenantId: string,
  assessmentId: string,
  body: z.output<typeof createInvitationBody>,
  appUrl: string,
  now = new Date(),
  retentionMonths = DEFAULT_RETENTION_MONTHS,
): Promise<InvitationRecord & { token: string; link: string }> {
  const assessment = await store.getAssessment(tenantId, assessmentId);
  if (!assessment) throw problems.notFound(`Assessment ${assessmentId}`);
  const expiresAt = body.expiresAt
    ? new Date(body.expiresAt)
    : new Date(now.getTime() + DEFAULT_INVITATION_DAYS * DAY);
  if (expiresAt.getTime() <= now.getTime())
    throw sessionProblems.invalidField('body/expiresAt', 'must be in the future');
  if (expiresAt.getTime() > now.getTime() + MAX_INVITATION_DAYS * DAY)
    throw sessionProblems.invalidField(
      'body/expiresAt',
      `must be within ${MAX_INVITATION_DAYS} days`,
    );

  const record: InvitationRecord = {
    id: newId('inv'),
    assessmentId,
    candidate: body.candidate,
    expiresAt: expiresAt.toISOString(),
    extraTimePercent: body.extraTimePercent,
    status: 'invited',
    sessionId: null,
    createdAt: now.toISOString(),
    // The whole candidate record (invitation, session, answers, downstream copies) expires then.
    retainUntil: retentionEnd(now, retentionMonths).toISOString(),
  };
  await store.putInvitation(tenantId, record);
  const minutes = allowedMinutes(assessment.record.timeLimitMinutes, body.extraTimePercent);
  const token = await tokens.issue(tenantId, record.id, tokenExpiry(expiresAt, minutes));
  return { ...record, token, link: `${appUrl.replace(/\/$/, '')}/take/${token}` };
}

export async function revokeInvitation(
  store: SessionStore,
  tenantId: string,
  id: string,
): Promise<InvitationRecord> {
  const invitation = await store.getInvitation(tenantId, id);
  if (!invitation) throw problems.notFound(`Invitation ${id}`);
  if (invitation.status === 'revoked' || invitation.erasedAt) return invitation;
  if (invitation.status === 'submitted') throw sessionProblems.invitationEnded('submitted');
  // A submit has closed the session's gate and is finishing: the candidate's submit stands.
  if (
    invitation.sessionId &&
    (await store.getGate(tenantId, invitation.sessionId))?.status === 'closing'
  )
    throw sessionProblems.invitationEnded('being submitted');
  try {
    await store.revoke(tenantId, invitation);
  } catch (err) {
    // The candidate started or submitted meanwhile: decide again on what is stored now.
    if (err instanceof ConflictError) return revokeInvitation(store, tenantId, id);
    throw err;
  }
  return { ...invitation, status: 'revoked' };
}
