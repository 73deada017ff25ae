// Items and red-flag definitions reused unchanged from the mid-level playbook. They are the
// same objects, not copies, so a correction there reaches this playbook too. Each is picked
// by id and fails at load if the mid-level playbook ever drops it.
import { detailItems } from '../medical-billing-specialist/detail';
import { judgmentItems } from '../medical-billing-specialist/judgment';
import { redFlags } from '../medical-billing-specialist/policy';
import { procedureItems } from '../medical-billing-specialist/procedure';
import { writtenItems } from '../medical-billing-specialist/written';
import type { PlaybookInput } from '../../format';

function pick<T extends { id: string }>(list: readonly T[] | undefined, id: string): T {
  const found = (list ?? []).find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`medical-billing-specialist has no "${id}" to share`);
  return found;
}

export const upcodePressure = pick(judgmentItems, 'sjt-upcode-pressure');

export const denialRate = pick(detailItems, 'detail-denial-rate');
export const daysInAr = pick(detailItems, 'detail-days-in-ar');

export const teamNpiChat = pick(writtenItems, 'written-team-npi-chat');

export const agingArPlan = pick(procedureItems, 'procedure-aging-ar-plan');
export const missingPreauth = pick(procedureItems, 'procedure-missing-preauth');

type RedFlag = NonNullable<PlaybookInput['redFlags']>[number];
export const upcodingFlag: RedFlag = pick(redFlags, 'ethics-upcoding');
export const privacyChatFlag: RedFlag = pick(redFlags, 'privacy-chat');
