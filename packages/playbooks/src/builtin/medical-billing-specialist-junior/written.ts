// Written-communication items for the junior playbook: the patient deductible reply shared
// with the mid-level playbook, a question to clinical staff about the chart, and a friendly
// payment reminder. Synonym sets list how billers actually phrase each idea; phrases that
// would shrink to one common word once stop words are dropped are left out on purpose.
import { closing, concept, concepts, length, readability } from '../criteria';
import { written } from '../item-builders';
import type { WrittenItemInput } from '../types';
import { deductibleEmail } from './shared';

const THANKS = ['thank you', 'thanks', 'many thanks', 'appreciate', 'appreciated', 'grateful'];

export const chartQuery = written({
  id: 'written-junior-chart-query',
  title: 'Checking the chart with a medical assistant',
  prompt: [
    "The superbill for Maria Lopez's visit on 3/12 lists an X-ray of the left knee. The order in her chart is for an X-ray of the right knee.",
    '',
    "Before you send the claim, write a message through the practice's secure messaging system to Sam, the medical assistant who works with the ordering provider, asking for the correct side to be confirmed. Write **no more than 100 words**.",
  ].join('\n'),
  criteria: [
    {
      id: 'greeting',
      description: 'Greets Sam by name',
      feature: { kind: 'greeting', names: ['sam'] },
      levels: [
        { points: 1, min: 2, label: 'Greets Sam by name' },
        { points: 0.5, min: 1, max: 1, label: 'Greets, but not by name' },
      ],
    },
    concepts(
      'patient-and-date',
      'Names the patient and the date of service',
      {
        patient: ['lopez', 'maria'],
        'date-of-service': [
          '3/12',
          '03/12',
          'march 12',
          'march 12th',
          '12 march',
          '12th march',
          '12th of march',
        ],
      },
      [
        { points: 2, min: 2, label: 'Names the patient and the date of service' },
        { points: 1, min: 1, max: 1, label: 'Names only one of them' },
      ],
    ),
    concepts(
      'states-discrepancy',
      'States the mismatch: the superbill says left knee, the order says right knee',
      {
        left: ['left knee', 'left side', 'left leg'],
        right: ['right knee', 'right side', 'right leg'],
        sources: [
          'superbill',
          'super bill',
          'encounter form',
          'charge slip',
          'charge sheet',
          'billing sheet',
          'order',
          'ordered',
          'requisition',
          'chart',
        ],
      },
      [
        { points: 3, min: 3, label: 'Both sides and where each one appears' },
        { points: 2, min: 2, max: 2, label: 'Part of the mismatch' },
        { points: 1, min: 1, max: 1, label: 'Mentions only one side or one document' },
      ],
    ),
    concept(
      'asks-confirmation',
      'Asks for the correct side to be confirmed with the provider',
      [
        'confirm',
        'verify',
        'double-check',
        'double check',
        'clarify',
        'let me know',
        'find out',
        'ask the provider',
        'ask the doctor',
        'ask dr',
        'correct side',
        'correct knee',
        'correct one',
      ],
      2,
    ),
    concept(
      'holds-claim',
      'Says the claim is on hold until the side is confirmed',
      [
        'hold the claim',
        'holding the claim',
        'claim on hold',
        'on hold',
        'hold off',
        'submit the claim',
        'send the claim',
        'send out the claim',
        'bill the claim',
        'claim goes out',
        'claim is correct',
        'claim is right',
        'claim is accurate',
        'claim denied',
        'claim rejected',
      ],
      2,
    ),
    concept('thanks', 'Thanks Sam', THANKS, 1),
    {
      id: 'respectful-tone',
      description: 'Polite and free of blame',
      feature: {
        kind: 'tone',
        politeness: THANKS,
        blame: [
          'wrong again',
          'you made a mistake',
          'you got it wrong',
          'mixed up again',
          'as usual',
          'fix it',
          'fix this',
          'someone messed up',
        ],
      },
      levels: [
        { points: 2, min: 2, label: 'Blame-free and polite' },
        { points: 1, min: 1, max: 1, label: 'Blame-free, but curt' },
      ],
    },
    length(1, 100, 1),
  ],
  rationale:
    "A junior biller's job is to bill what the record supports and to check with clinical staff when the paperwork disagrees, not to pick the side that seems likely. A good message greets Sam, identifies the patient and the date of service, states the mismatch exactly (the superbill says left knee, the order says right knee), asks for the correct side to be confirmed with the provider, explains that the claim is on hold until then, and thanks Sam. It blames no one, and it is short. Names and dates belong in the secure messaging system, which is why the prompt uses it.",
});

export const paymentReminder = written({
  id: 'written-junior-payment-reminder',
  title: 'Friendly reminder about a small balance',
  prompt: [
    'Robert Chen has a balance of $85.00 for his visit on 2/4. His insurance has paid its share, and the statement sent 45 days ago has not been paid. The practice takes payments online through the patient portal or by phone, and offers payment plans.',
    '',
    'Write a short, friendly email reminding Mr. Chen about the balance. Use plain language and write **50 to 200 words**.',
  ].join('\n'),
  criteria: [
    {
      id: 'greeting',
      description: 'Greets Mr. Chen by name',
      feature: { kind: 'greeting', names: ['robert', 'chen'] },
      levels: [
        { points: 1, min: 2, label: 'Greets him by name' },
        { points: 0.5, min: 1, max: 1, label: 'Greets him, but not by name' },
      ],
    },
    concepts(
      'states-balance',
      'States the amount and the visit it is for',
      {
        amount: ['85'],
        visit: ['2/4', '02/04', 'february 4', 'february 4th', 'feb 4', '4 february'],
      },
      [
        { points: 2, min: 2, label: 'Gives the amount and the visit date' },
        { points: 1, min: 1, max: 1, label: 'Gives only one of them' },
      ],
    ),
    concept(
      'explains-balance',
      'Explains that this is what is left after insurance paid its share',
      [
        'insurance has paid',
        'insurance paid',
        'insurance processed',
        'insurance has processed',
        'insurance covered',
        'insurance has covered',
        'your share',
        'your portion',
        'remaining balance',
        'balance remaining',
        'amount left',
        'left to pay',
      ],
      2,
    ),
    concepts(
      'ways-to-pay',
      'Says how he can pay: online, by phone, or with a payment plan',
      {
        online: ['online', 'patient portal', 'portal', 'website'],
        phone: ['by phone', 'over the phone', 'call us', 'call our office', 'call the office'],
        plan: [
          'payment plan',
          'payment plans',
          'payment arrangement',
          'monthly payments',
          'installments',
          'instalments',
          'smaller payments',
          'pay over time',
          'spread the payments',
          'spread out the payments',
        ],
      },
      [
        { points: 3, min: 3, label: 'Gives all three options' },
        { points: 2, min: 2, max: 2, label: 'Gives two options' },
        { points: 1, min: 1, max: 1, label: 'Gives one option' },
      ],
    ),
    concept(
      'invites-contact',
      'Invites questions and says how to reach the office',
      [
        'any questions',
        'questions about',
        'happy to help',
        'glad to help',
        'let us know',
        'let me know',
        'feel free',
        'reach out',
        'get in touch',
        'contact us',
        'please call',
        'reply to this email',
      ],
      2,
    ),
    {
      id: 'friendly-tone',
      description:
        'Friendly and courteous, with no blame, pressure or threats (a first reminder is not a collection notice)',
      feature: {
        kind: 'tone',
        blame: [
          'collection agency',
          'sent to collections',
          'send to collections',
          'go to collections',
          'turned over',
          'legal action',
          'final notice',
          'final warning',
          'credit report',
          'credit bureau',
          'failure to pay',
          'you must pay',
          'must be paid',
          'or else',
          'delinquent',
          'we will be forced',
          'pay immediately',
          'immediate payment',
          'further action',
        ],
      },
      levels: [
        { points: 2, min: 2, label: 'Friendly and courteous' },
        { points: 1, min: 1, max: 1, label: 'No pressure, but curt' },
      ],
    },
    closing(),
    readability(),
    length(50, 200, 2),
  ],
  rationale:
    'A first reminder should make paying easy, not make the patient feel accused. A good email greets Mr. Chen by name, gives the amount and the visit date, explains that this is what is left after his insurance paid its share, lists the ways to pay (online, by phone, or a payment plan), invites questions and closes politely. It avoids pressure such as collection or credit warnings, which belong later in the process and only as the practice policy allows, and it stays short and easy to read.',
});

export const writtenItems: WrittenItemInput[] = [deductibleEmail, chartQuery, paymentReminder];
