// A small form exercising every item type, written with all defaults applied (as a parsed
// playbook would be). Kept independent of @assay/playbooks so engine tests stand alone.
import type { Form } from '../src';

export const fixtureForm: Form = {
  id: 'fixture-billing',
  version: '1.2.3',
  bands: { strong: 80, proceed: 65, borderline: 50 },
  sections: [
    { id: 'judgment', weight: 20 },
    { id: 'detail', weight: 25, hurdle: { min: 50, capBand: 'borderline' } },
    { id: 'written', weight: 25 },
    { id: 'procedure', weight: 30 },
  ],
  redFlags: [
    {
      id: 'ethics-upcoding',
      severity: 'high',
      message: 'Chose to bill a code the documentation does not support.',
    },
    {
      id: 'ethics-falsify',
      severity: 'high',
      message: 'Chose to change patient data to pass an edit.',
    },
    { id: 'privacy-chat', severity: 'high', message: 'Posted patient identifiers in a team chat.' },
  ],
  items: [
    {
      id: 'sjt-upcode',
      section: 'judgment',
      type: 'sjt',
      scoring: 'plus-minus',
      key: { best: 'b', worst: 'a' },
      options: [
        { id: 'a', effectiveness: 1, redFlagIfBest: 'ethics-upcoding' },
        { id: 'b', effectiveness: 4 },
        { id: 'c', effectiveness: 3 },
        { id: 'd', effectiveness: 2 },
      ],
    },
    {
      id: 'sjt-patient',
      section: 'judgment',
      type: 'sjt',
      scoring: 'distance',
      key: { best: 'b', worst: 'c' },
      options: [
        { id: 'a', effectiveness: 2 },
        { id: 'b', effectiveness: 4 },
        { id: 'c', effectiveness: 1 },
        { id: 'd', effectiveness: 3 },
      ],
    },
    {
      id: 'detail-total',
      section: 'detail',
      type: 'detail',
      points: 1,
      response: { kind: 'number', key: 1000, tolerance: 0.01 },
    },
    {
      id: 'detail-sex',
      section: 'detail',
      type: 'detail',
      points: 1,
      response: {
        kind: 'choice',
        key: 'b',
        options: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd', redFlag: 'ethics-falsify' }],
      },
    },
    {
      id: 'written-email',
      section: 'written',
      type: 'written',
      criteria: [
        {
          id: 'greeting',
          feature: { kind: 'greeting', names: ['Jane', 'Ms. Smith'] },
          levels: [{ points: 1, min: 2 }],
        },
        {
          id: 'explains-deductible',
          feature: {
            kind: 'concepts',
            concepts: [
              { id: 'deductible', terms: ['deductible'] },
              { id: 'amount', terms: ['$250', '250 dollars'] },
            ],
          },
          levels: [
            { points: 2, min: 2 },
            { points: 1, min: 1 },
          ],
        },
        {
          id: 'options',
          feature: {
            kind: 'concepts',
            concepts: [{ id: 'plan', terms: ['payment plan', 'pay online', 'call us'] }],
          },
          levels: [{ points: 2, min: 1 }],
        },
        { id: 'closing', feature: { kind: 'closing' }, levels: [{ points: 1, min: 1 }] },
        {
          id: 'plain-language',
          feature: { kind: 'jargon', terms: [] },
          levels: [{ points: 1, max: 0 }],
        },
        {
          id: 'tone',
          feature: { kind: 'tone', politeness: [], blame: [] },
          levels: [{ points: 1, min: 2 }],
        },
        { id: 'readability', feature: { kind: 'readability' }, levels: [{ points: 1, max: 9 }] },
        { id: 'length', feature: { kind: 'length' }, levels: [{ points: 1, min: 30, max: 250 }] },
      ],
    },
    {
      id: 'written-chat',
      section: 'written',
      type: 'written',
      criteria: [
        {
          id: 'gives-npi',
          feature: { kind: 'concepts', concepts: [{ id: 'npi', terms: ['1234567893'] }] },
          levels: [{ points: 1, min: 1 }],
        },
        {
          id: 'no-identifiers',
          feature: {
            kind: 'forbidden',
            detect: ['name-with-dob', 'dob', 'mrn', 'member-id', 'ssn'],
            terms: [],
            redFlag: 'privacy-chat',
          },
          levels: [{ points: 2, max: 0 }],
        },
        {
          id: 'not-leading',
          feature: { kind: 'leading', terms: [] },
          levels: [{ points: 1, max: 0 }],
        },
      ],
    },
    {
      id: 'procedure-denial',
      section: 'procedure',
      type: 'procedure',
      points: 10,
      criticalCap: 0.5,
      order: { method: 'lcs', share: 0.25, precedence: [] },
      steps: [
        {
          id: 'review-denial',
          terms: ['review the denial', 'denial reason', 'remittance'],
          weight: 2,
          critical: false,
        },
        {
          id: 'check-documentation',
          terms: ['documentation', 'medical record'],
          weight: 2,
          critical: false,
        },
        {
          id: 'correct-claim',
          terms: ['add the modifier', 'correct the claim', 'corrected claim'],
          weight: 2,
          critical: false,
        },
        { id: 'resubmit', terms: ['resubmit', 'send the claim again'], weight: 3, critical: true },
        { id: 'follow-up', terms: ['follow up', 'track the claim'], weight: 2, critical: false },
      ],
    },
  ],
};

export const strongEmail = `Dear Ms. Smith,

Thank you for writing to us, and I am sorry for the confusion about this bill. I checked your account.
Your insurance company applied the $250 charge to your deductible. A deductible is the amount you pay each year before your plan starts to pay.
You can pay online, call us to set up a payment plan, or pay at your next visit.
Please call me if you have any questions. I am happy to help.

Kind regards,
Anna Lee, Billing Office`;

export const strongProcedure = `1. I would review the denial and the reason code on the remittance.
2. Then I would check the documentation in the medical record to pick the right modifier.
3. I would correct the claim by adding the modifier.
4. I would resubmit the corrected claim within the timely filing limit.
5. Finally I would follow up with the payer until the claim is paid.`;

export const fullAnswers = {
  'sjt-upcode': { best: 'b', worst: 'a' },
  'sjt-patient': { best: 'b', worst: 'c' },
  'detail-total': { value: '$1,000.00' },
  'detail-sex': { choice: 'b' },
  'written-email': { text: strongEmail },
  'written-chat': {
    text: 'Hi team, ten claims were rejected last week because they used the old clinic NPI. I fixed them and we are resubmitting today. Please use the correct NPI 1234567893 on new claims. Thanks!',
  },
  'procedure-denial': { text: strongProcedure },
};
