import { createEvent, sessionSubmitted, type EventData } from '@assay/events';
import { drawForm, playbookHash, type Playbook } from '@assay/playbooks';

let n = 0;

/**
 * A `session.submitted` event drawn from `playbook` (a new session id each call) answering every
 * sjt item with its key, and every written item with `writtenText` when given.
 */
export function submittedEvent(
  tenantId: string,
  playbook: Playbook,
  {
    writtenText,
    ...overrides
  }: { writtenText?: string } & Partial<EventData<typeof sessionSubmitted>> = {},
) {
  n += 1;
  const sessionId = `ses_${String(n).padStart(26, '0')}`;
  const form = drawForm(playbook, { seed: sessionId, sampling: {} });
  const answers: Record<string, Record<string, unknown>> = {};
  for (const item of form.playbook.items) {
    if (item.type === 'sjt') answers[item.id] = { ...item.key };
    if (item.type === 'written' && writtenText !== undefined)
      answers[item.id] = { text: writtenText };
  }
  return createEvent(
    sessionSubmitted,
    { tenantId, correlationId: `corr-${n}` },
    {
      sessionId,
      assessmentId: 'asm_01',
      invitationId: 'inv_01',
      reason: 'candidate',
      startedAt: '2026-11-23T10:00:00.000Z',
      submittedAt: '2026-11-23T10:20:00.000Z',
      playbook: { id: playbook.id, version: playbook.version, hash: playbookHash(playbook) },
      signals: { focusLost: 0, pastes: 0, pastedChars: 0 },
      form: {
        seed: form.seed,
        sampling: form.sampling,
        itemIds: form.itemIds,
        playbook: JSON.parse(JSON.stringify(form.playbook)) as Record<string, unknown>,
      },
      answers,
      ...overrides,
    },
  );
}
