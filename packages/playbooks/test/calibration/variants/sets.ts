// Every new written and procedure item of the variant playbooks, with its calibration set.
import * as collections from './collections-answers';
import * as junior from './junior-answers';
import * as senior from './senior-answers';
import type { CalibrationSet } from './types';

export const CALIBRATED: [playbook: string, item: string, set: CalibrationSet][] = [
  ['medical-billing-specialist-junior', 'written-junior-chart-query', junior.chartQuery],
  ['medical-billing-specialist-junior', 'written-junior-payment-reminder', junior.paymentReminder],
  ['medical-billing-specialist-junior', 'procedure-junior-submit-claim', junior.submitClaim],
  ['medical-billing-specialist-junior', 'procedure-junior-unpaid-followup', junior.unpaidFollowUp],
  ['medical-billing-specialist-junior', 'procedure-junior-patient-payment', junior.patientPayment],
  ['medical-billing-specialist-senior', 'written-senior-coaching-message', senior.coachingMessage],
  ['medical-billing-specialist-senior', 'procedure-senior-billing-audit', senior.billingAudit],
  [
    'medical-billing-collections-specialist',
    'written-collections-call-script',
    collections.callScript,
  ],
  [
    'medical-billing-collections-specialist',
    'procedure-collections-denial-appeal',
    collections.denialAppeal,
  ],
  [
    'medical-billing-collections-specialist',
    'procedure-collections-daily-reconciliation',
    collections.dailyReconciliation,
  ],
];
