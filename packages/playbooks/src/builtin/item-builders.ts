// Builders shared by every built-in playbook: they fill in the item type and the section
// (all built-ins use the same four section ids), so content modules hold only content.
import { SECTION } from './medical-billing-specialist/policy';
import type { DetailItemInput, ProcedureItemInput, WrittenItemInput } from './types';

export const detail = (item: Omit<DetailItemInput, 'section' | 'type'>): DetailItemInput => ({
  ...item,
  type: 'detail',
  section: SECTION.detail,
});

export const written = (item: Omit<WrittenItemInput, 'section' | 'type'>): WrittenItemInput => ({
  ...item,
  type: 'written',
  section: SECTION.written,
});

const STEP_BY_STEP =
  'Describe, step by step, what you would do. Numbered steps or short paragraphs are both fine.';

/** A procedure item whose prompt is the task followed by the same step-by-step instruction. */
export const procedure = ({
  task,
  ...item
}: Omit<ProcedureItemInput, 'section' | 'type' | 'prompt'> & {
  task: string;
}): ProcedureItemInput => ({
  ...item,
  type: 'procedure',
  section: SECTION.procedure,
  prompt: `${task}\n\n${STEP_BY_STEP}`,
});
