// Items and red-flag definitions reused unchanged from the mid-level playbook. They are the
// same objects, not copies, so a correction there reaches this playbook too. Each is picked
// by id and fails at load if the mid-level playbook ever drops it.
import { detailItems } from '../medical-billing-specialist/detail';
import { judgmentItems } from '../medical-billing-specialist/judgment';
import { redFlags } from '../medical-billing-specialist/policy';
import { writtenItems } from '../medical-billing-specialist/written';
import type { PlaybookInput } from '../../format';

function pick<T extends { id: string }>(list: readonly T[] | undefined, id: string): T {
  const found = (list ?? []).find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`medical-billing-specialist has no "${id}" to share`);
  return found;
}

export const surpriseBill = pick(judgmentItems, 'sjt-surprise-bill');
export const privacyBreach = pick(judgmentItems, 'sjt-privacy-breach');

export const invoiceTotal = pick(detailItems, 'detail-invoice-total');
export const accountTransposition = pick(detailItems, 'detail-account-transposition');
export const codeSexMismatch = pick(detailItems, 'detail-code-sex-mismatch');
export const dateOfService = pick(detailItems, 'detail-date-of-service');

export const deductibleEmail = pick(writtenItems, 'written-patient-deductible-email');

type RedFlag = NonNullable<PlaybookInput['redFlags']>[number];
export const privacyFlag: RedFlag = pick(redFlags, 'ethics-privacy');
export const falsifyFlag: RedFlag = pick(redFlags, 'ethics-falsify');
