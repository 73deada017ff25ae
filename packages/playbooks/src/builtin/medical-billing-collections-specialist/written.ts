// Written communication for the billing-and-collections playbook: the patient deductible
// reply shared with the mid-level playbook, and the script of a collection call. Synonym sets
// list how collectors actually phrase each idea; phrases that would shrink to one common word
// once stop words are dropped are left out on purpose.
import { concept, concepts, length } from '../criteria';
import type { WrittenItemInput } from '../types';
import { RED_FLAG, SECTION } from './policy';
import { deductibleEmail } from './shared';

type Written = Omit<WrittenItemInput, 'section' | 'type'>;

const written = (item: Written): WrittenItemInput => ({
  ...item,
  type: 'written',
  section: SECTION.written,
});

export const callScript = written({
  id: 'written-collections-call-script',
  title: 'A collection call',
  prompt: [
    'You are calling David Miller about a $640.00 balance for his outpatient procedure on 4/2. His insurance has paid its share, two statements have gone unanswered, and the balance is now 75 days past due. The practice offers interest-free payment plans of up to 12 monthly payments, and a financial-assistance application for patients in hardship.',
    '',
    'Write what you would say on the call, from the moment someone answers, and what you would do when the call ends. Write **80 to 300 words**.',
  ].join('\n'),
  criteria: [
    concepts(
      'identifies-self',
      'Says who is calling and from where',
      {
        name: ['this is', 'my name is'],
        practice: [
          'billing office',
          'billing department',
          'business office',
          'billing team',
          'clinic',
          'practice',
          'medical group',
        ],
      },
      [
        { points: 2, min: 2, label: 'Gives their name and the practice' },
        { points: 1, min: 1, max: 1, label: 'Gives only one of them' },
      ],
    ),
    concept(
      'verifies-identity',
      'Confirms it is speaking with David Miller (for example his date of birth) before discussing the account',
      [
        'date of birth',
        'verify your identity',
        'verify your',
        'verify who',
        'confirm your date',
        'confirm your identity',
        'confirm your address',
        'for security',
        'security reasons',
        'security purposes',
        'privacy reasons',
        'am i speaking with',
        'am i speaking to',
        'speaking with david',
        'speaking with mr',
        'dob',
      ],
      3,
    ),
    concepts(
      'states-purpose',
      'States the purpose: the $640 balance that is past due',
      {
        amount: ['640'],
        reason: ['balance', 'past due', 'past-due', 'overdue', 'outstanding', 'unpaid'],
      },
      [
        { points: 2, min: 2, label: 'Gives the amount and says it is past due' },
        { points: 1, min: 1, max: 1, label: 'Gives only one of them' },
      ],
    ),
    concept(
      'explains-balance',
      'Explains that the balance is what is left after insurance paid its share',
      [
        'insurance has paid',
        'insurance paid',
        'insurance processed',
        'insurance has processed',
        'insurance covered',
        'your share',
        'your portion',
        'remaining balance',
        'balance remaining',
      ],
      1,
    ),
    concept(
      'offers-plan',
      'Offers a payment plan',
      [
        'payment plan',
        'payment plans',
        'payment arrangement',
        'monthly payments',
        'monthly payment',
        'installments',
        'instalments',
        'installment plan',
        'smaller payments',
        'per month',
        'spread the balance',
        'spread it out',
        'spread the payments',
      ],
      3,
    ),
    concepts(
      'other-options',
      'Offers the other options: paying now, and financial assistance in hardship',
      {
        'pay-now': [
          'pay today',
          'pay in full',
          'pay the full',
          'by card',
          'credit card',
          'debit card',
          'over the phone',
          'take a payment',
          'patient portal',
          'pay online',
        ],
        assistance: [
          'financial assistance',
          'financial-assistance',
          'hardship',
          'assistance application',
          'charity care',
        ],
      },
      [
        { points: 2, min: 2, label: 'Offers both' },
        { points: 1, min: 1, max: 1, label: 'Offers one' },
      ],
    ),
    concept(
      'listens',
      'Asks what the patient can manage and invites questions',
      [
        'manageable',
        'comfortable',
        'afford',
        'affordable',
        'budget',
        'how much',
        'any questions',
        'anything else',
        'what works best',
        'does that sound',
      ],
      2,
    ),
    concept(
      'documents',
      'Records the call and confirms the arrangement in writing',
      [
        'note your account',
        'note the account',
        'note on your account',
        'note on the account',
        'notes on the account',
        'account notes',
        'add a note',
        'document',
        'in writing',
        'written confirmation',
        'confirmation letter',
        'send you a confirmation',
        'email you a confirmation',
        'send you the agreement',
        'send you a copy',
        'set up the plan in',
        'record the call',
        'log the call',
      ],
      2,
    ),
    {
      id: 'no-threats',
      description:
        'No threats or pressure: no legal action, arrest, wage garnishment or damage to credit',
      feature: {
        kind: 'forbidden',
        terms: [
          'sue',
          'lawsuit',
          'legal action',
          'take you to court',
          'court',
          'arrest',
          'jail',
          'police',
          'garnish',
          'garnishment',
          'ruin your credit',
          'destroy your credit',
          'hurt your credit',
          'damage your credit',
          'deadbeat',
          'or else',
          'last chance',
          'you will regret',
        ],
        redFlag: RED_FLAG.threat,
      },
      levels: [{ points: 3, max: 0, label: 'No threats' }],
    },
    {
      id: 'respectful-tone',
      description: 'Courteous and respectful, with no blame or pressure',
      feature: {
        kind: 'tone',
        politeness: ['thank you', 'thanks', 'appreciate', 'i understand', 'happy to', 'glad to'],
        blame: [
          'you have to pay',
          'you must pay',
          'you need to pay',
          'no excuses',
          'you ignored',
          'ignoring us',
          'ignored our',
          'irresponsible',
          'your problem',
          'should have paid',
          "why haven't you",
          'why have you not',
        ],
      },
      levels: [
        { points: 3, min: 2, label: 'Courteous and respectful' },
        { points: 1, min: 1, max: 1, label: 'Blame-free, but curt' },
      ],
    },
    length(80, 300, 1),
  ],
  rationale:
    'A good collection call is courteous, truthful and private. The caller gives their name and the practice, confirms they are speaking with David Miller (for example by his date of birth) before saying anything about the account, and then states the purpose plainly: a $640.00 balance, past due, left after his insurance paid its share. The caller asks what he can manage, offers the interest-free payment plan and the other options (paying now, or the financial-assistance application), answers questions, and at the end notes the account and confirms any arrangement in writing. It contains no threats (legal action, arrest, wage garnishment, damage to credit) and no blame: threats and harassment breach fair debt collection standards and raise the `collections-threat` red flag.',
});

export const writtenItems: WrittenItemInput[] = [deductibleEmail, callScript];
