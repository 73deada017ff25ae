// Situational judgment for the junior playbook: two situations shared with the mid-level
// playbook (the right response does not depend on experience) and two written for a biller
// in their first years, who works under supervision.
import type { SjtItemInput } from '../types';
import { RED_FLAG, SECTION } from './policy';
import { privacyBreach, surpriseBill } from './shared';

const QUESTION = 'Which response is the **most** effective, and which is the **least** effective?';

type Situation = Omit<SjtItemInput, 'section' | 'type' | 'prompt'> & { situation: string };

function sjt({ situation, ...item }: Situation): SjtItemInput {
  return { ...item, type: 'sjt', section: SECTION.judgment, prompt: `${situation}\n\n${QUESTION}` };
}

export const callerIdentity = sjt({
  id: 'sjt-junior-caller-identity',
  title: "Caller asking about someone else's bill",
  situation:
    "A caller says she is a patient's wife. She asks what her husband's last visit was for and how much he owes. She gives his date of birth and home address correctly. The account has no authorisation on file naming her as someone the practice may speak to.",
  options: [
    {
      id: 'a',
      text: 'Give her the details she asked for, since she knows his date of birth and address.',
      effectiveness: 1,
      redFlagIfBest: RED_FLAG.unverifiedCaller,
    },
    {
      id: 'b',
      text: 'Tell her the balance, but not what the visit was for.',
      effectiveness: 2,
    },
    {
      id: 'c',
      text: "Explain politely that you cannot discuss the account without the patient's permission. Offer to have the patient call back, explain how he can add her as an authorised contact, and note the call on the account.",
      effectiveness: 4,
    },
    {
      id: 'd',
      text: 'Tell her you cannot help and end the call.',
      effectiveness: 2,
    },
  ],
  key: { best: 'c', worst: 'a' },
  rationale:
    "A patient's visit and balance are protected health information. Facts such as a date of birth and an address are easy for relatives and others to know, so they do not show that the patient has agreed to share his account. HIPAA does let a practice share some information with family involved in paying for care, but that is a judgment the practice's policy makes, not one a new biller should make alone on the phone. The best response protects the patient, stays courteous and gives the caller a way forward. Giving everything (a) is a disclosure; giving the balance only (b) is still one; ending the call (d) is safe but unhelpful.",
});

export const unknownCode = sjt({
  id: 'sjt-junior-unknown-code',
  title: 'An adjustment code you do not recognise',
  situation:
    "Your supervisor has asked you to post yesterday's insurance payments. One remittance has an adjustment code you have never seen, and your supervisor is in meetings until the afternoon.",
  options: [
    {
      id: 'a',
      text: 'Post it the way you posted a code that looks similar, and carry on.',
      effectiveness: 2,
    },
    {
      id: 'b',
      text: "Post the rest of the batch, set this remittance aside with a note, look the code up in the code list or the payer's guide, and check with your supervisor or an experienced colleague before posting it.",
      effectiveness: 4,
    },
    {
      id: 'c',
      text: 'Stop posting altogether until your supervisor is free.',
      effectiveness: 2,
    },
    {
      id: 'd',
      text: 'Write off the amount with that code so that the batch balances.',
      effectiveness: 1,
    },
  ],
  key: { best: 'b', worst: 'd' },
  rationale:
    "A junior biller is not expected to know every code, but is expected to keep work moving, look things up and ask before guessing. Setting one remittance aside keeps the rest of the posting on time, and the note makes sure it is not forgotten. Guessing (a) can post money to the wrong place or bill a patient for an amount they do not owe. Stopping everything (c) delays all of the day's posting for one question. Writing the amount off (d) hides the question and can give away money that the payer or the patient still owes.",
});

export const judgmentItems: SjtItemInput[] = [
  surpriseBill,
  privacyBreach,
  callerIdentity,
  unknownCode,
];
