// Situational judgment for the billing-and-collections playbook: two patient situations
// shared with the mid-level playbook, and two that collectors meet on the phone.
import type { SjtItemInput } from '../types';
import { RED_FLAG, SECTION } from './policy';
import { cannotPay, surpriseBill } from './shared';

const QUESTION = 'Which response is the **most** effective, and which is the **least** effective?';

type Situation = Omit<SjtItemInput, 'section' | 'type' | 'prompt'> & { situation: string };

function sjt({ situation, ...item }: Situation): SjtItemInput {
  return { ...item, type: 'sjt', section: SECTION.judgment, prompt: `${situation}\n\n${QUESTION}` };
}

export const thirdPartyCall = sjt({
  id: 'sjt-collections-third-party',
  title: 'Someone else answers the phone',
  situation:
    'You call a patient at home about a balance that is 60 days past due. A man answers and says the patient is at work. He says he is her brother and offers to pass on a message.',
  options: [
    {
      id: 'a',
      text: 'Explain the balance to him and ask him to make sure she pays it.',
      effectiveness: 1,
      redFlagIfBest: RED_FLAG.thirdParty,
    },
    {
      id: 'b',
      text: 'Thank him, ask when she is usually available, and leave only your first name and a call-back number, without mentioning the account or the balance.',
      effectiveness: 4,
    },
    { id: 'c', text: 'Hang up without saying anything.', effectiveness: 2 },
    {
      id: 'd',
      text: 'Ask him to confirm her date of birth and address so you can update the account.',
      effectiveness: 2,
    },
  ],
  key: { best: 'b', worst: 'a' },
  rationale:
    "A patient's account, including the fact that she owes the practice money, is protected health information, and discussing a debt with a third party breaches fair collection practice. A short, courteous message with only a name and a call-back number reaches the patient without disclosing anything, and asking when to call back makes the next attempt more likely to succeed. Telling the brother about the balance (a) is a disclosure. Hanging up (c) discloses nothing but is rude and wastes the call. Asking him to confirm her details (d) uses a third party to verify the account and tells him it exists.",
});

export const agencyDispute = sjt({
  id: 'sjt-collections-agency-dispute',
  title: 'Disputed account already at the agency',
  situation:
    "A patient calls, upset: her account was sent to the practice's collection agency last month. She says her new insurance should have paid. You see that the claim was denied because the plan on file had ended, and the registration notes show she handed the front desk a new insurance card at that visit, which was never entered.",
  options: [
    {
      id: 'a',
      text: 'Tell her the account is with the agency now and she has to deal with them.',
      effectiveness: 1,
    },
    {
      id: 'b',
      text: 'Apologise, ask the agency to stop collection activity on the account (or recall it), enter the new insurance and bill it within its filing limit, tell her what happens next, and note the account.',
      effectiveness: 4,
    },
    {
      id: 'c',
      text: 'Recall the account from the agency and write off the whole balance without billing the new insurer.',
      effectiveness: 2,
    },
    {
      id: 'd',
      text: 'Ask her to pay the agency now and claim the money back from her new insurer herself.',
      effectiveness: 2,
    },
  ],
  key: { best: 'b', worst: 'a' },
  rationale:
    "The balance exists because the practice did not enter the insurance she gave it, so collection activity has to stop while the practice fixes its own error. Asking the agency to hold or return the account, billing the new insurer within its filing limit, and telling the patient what will happen puts things right, and the account note protects everyone who handles it next. Sending her to the agency (a) makes her pay for the practice's mistake and invites a complaint. Writing the balance off (c) gives up money the new insurer probably owes. Asking her to pay and claim it back (d) shifts the practice's work and error onto the patient.",
});

export const judgmentItems: SjtItemInput[] = [
  cannotPay,
  surpriseBill,
  thirdPartyCall,
  agencyDispute,
];
