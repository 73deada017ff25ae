import { drawForm, FormDrawError } from '@assay/playbooks';
import type { z } from 'zod';
import type { createAssessmentBody } from '../service';
import type { AssessmentRecord, SessionStore } from '../store';
import { newId } from './ids';
import { findPlaybook } from './playbooks';
import { sessionProblems } from './problems';

export async function createAssessment(
  store: SessionStore,
  tenantId: string,
  body: z.output<typeof createAssessmentBody>,
  now = new Date(),
): Promise<AssessmentRecord> {
  const found = await findPlaybook(store, tenantId, body.playbook.id, body.playbook.version);
  if (!found) {
    const ref = `${body.playbook.id}${body.playbook.version ? `@${body.playbook.version}` : ''}`;
    throw sessionProblems.invalidField(
      'body/playbook',
      `no published playbook ${ref} (publish it first, or name a library playbook)`,
    );
  }
  // A trial draw proves the sampling can be drawn for every candidate (the seed changes only
  // which items, never how many).
  let sample;
  try {
    sample = drawForm(found.playbook, { sampling: body.sampling, seed: 'sampling-check' });
  } catch (err) {
    if (!(err instanceof FormDrawError)) throw err;
    const [first] = err.errors;
    throw sessionProblems.invalidField(`body${first!.path}`, first!.message);
  }
  const record: AssessmentRecord = {
    id: newId('asm'),
    title: body.title ?? found.playbook.title,
    playbook: found.pinned,
    timeLimitMinutes: body.timeLimitMinutes ?? found.playbook.timeLimitMinutes,
    sampling: sample.sampling,
    itemCount: sample.itemIds.length,
    createdAt: now.toISOString(),
  };
  await store.putAssessment(tenantId, record, JSON.stringify(found.playbook));
  return record;
}
