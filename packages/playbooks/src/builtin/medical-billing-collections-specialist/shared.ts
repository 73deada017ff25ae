// Items reused unchanged from the mid-level playbook. They are the same objects, not copies,
// so a correction there reaches this playbook too. Each is picked by id and fails at load if
// the mid-level playbook ever drops it.
import { detailItems } from '../medical-billing-specialist/detail';
import { judgmentItems } from '../medical-billing-specialist/judgment';
import { procedureItems } from '../medical-billing-specialist/procedure';
import { writtenItems } from '../medical-billing-specialist/written';

function pick<T extends { id: string }>(list: readonly T[], id: string): T {
  const found = list.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`medical-billing-specialist has no "${id}" to share`);
  return found;
}

export const cannotPay = pick(judgmentItems, 'sjt-cannot-pay');
export const surpriseBill = pick(judgmentItems, 'sjt-surprise-bill');

export const patientResponsibility = pick(detailItems, 'detail-patient-responsibility');
export const contractualAdjustment = pick(detailItems, 'detail-contractual-adjustment');
export const daysInAr = pick(detailItems, 'detail-days-in-ar');

export const deductibleEmail = pick(writtenItems, 'written-patient-deductible-email');

export const agingArPlan = pick(procedureItems, 'procedure-aging-ar-plan');
