// Situational judgment items: pick the most AND the least effective of four responses.
// Effectiveness ratings (1 harmful … 4 best) and keys are fixed by the content brief.
import type { SjtItemInput } from '../types';
import { RED_FLAG, SECTION } from './policy';

const QUESTION = 'Which response is the **most** effective, and which is the **least** effective?';

type Situation = Omit<SjtItemInput, 'section' | 'type' | 'prompt'> & { situation: string };

function sjt({ situation, ...item }: Situation): SjtItemInput {
  return { ...item, type: 'sjt', section: SECTION.judgment, prompt: `${situation}\n\n${QUESTION}` };
}

export const judgmentItems: SjtItemInput[] = [
  sjt({
    id: 'sjt-surprise-bill',
    title: 'Upset patient about a large bill',
    situation:
      'A patient calls the billing office about a statement with a large balance. They are angry and raising their voice: they have insurance and do not see why they owe anything. Their account shows that the insurer processed the claim and applied the amount to a high deductible that the patient has not met yet.',
    options: [
      {
        id: 'a',
        text: "Tell the patient the bill is correct and that what their insurance covers is not the clinic's problem.",
        effectiveness: 1,
      },
      {
        id: 'b',
        text: 'Let the patient finish, acknowledge their frustration and go through the account with them. Explain in plain words that the charge was applied to a deductible they have not met yet, then offer an itemised statement and a payment plan.',
        effectiveness: 4,
      },
      { id: 'c', text: 'Write the balance off so that the patient calms down.', effectiveness: 2 },
      {
        id: 'd',
        text: 'Transfer the call to the practice manager straight away, without looking at the account.',
        effectiveness: 2,
      },
    ],
    key: { best: 'b', worst: 'a' },
    rationale:
      'The bill is correct, but the patient does not understand why. Listening first lowers the temperature; explaining the unmet deductible in everyday words answers the real question; an itemised statement and a payment plan give the patient a way forward. Dismissing the patient (a) damages the relationship and invites a complaint. Writing the balance off (c) gives away money the practice is owed and, done routinely, can breach payer contracts. Transferring without looking (d) passes on a question the biller is best placed to answer.',
  }),
  sjt({
    id: 'sjt-upcode-pressure',
    title: 'Pressure to bill a higher code',
    situation:
      "While you are coding yesterday's visits, the practice manager suggests that you bill one of them with a higher-paying code. The clinician's note does not support that code.",
    options: [
      {
        id: 'a',
        text: "Bill the higher code. If anyone asks, it was the manager's decision.",
        effectiveness: 1,
        redFlagIfBest: RED_FLAG.upcoding,
      },
      {
        id: 'b',
        text: 'Explain to the manager that the code has to be supported by the documentation, send the clinician a neutral query that does not suggest an answer, and code what the record supports.',
        effectiveness: 4,
      },
      {
        id: 'c',
        text: 'Code what is documented and say nothing to the manager.',
        effectiveness: 3,
      },
      {
        id: 'd',
        text: 'Report the manager to an outside compliance hotline straight away, without raising it inside the practice first.',
        effectiveness: 2,
      },
    ],
    key: { best: 'b', worst: 'a' },
    rationale:
      'A code must be supported by the documentation; billing above it is upcoding, and the person who submits the claim shares the liability. The best response codes what is documented, explains why, and gives the clinician a fair chance to complete the note through a query that does not lead. Coding correctly in silence (c) is compliant but leaves the pressure unaddressed. Going outside at once (d) skips the internal compliance route that should normally be tried first.',
  }),
  sjt({
    id: 'sjt-task-crunch',
    title: 'Three demands at once',
    situation:
      'A batch of claims must reach an insurer by 5 PM today. A physician has just dropped off a stack of encounter sheets for you to code, and a patient is waiting in the lobby with a billing question that only you can answer.',
    options: [
      {
        id: 'a',
        text: 'Help the patient for as long as it takes, then code the new sheets, then send the claims if there is still time.',
        effectiveness: 2,
      },
      {
        id: 'b',
        text: 'Greet the patient and tell them when you will be free (or ask a colleague to help them), send the deadline claims first, then code the new sheets and tell the physician when they will be done.',
        effectiveness: 4,
      },
      {
        id: 'c',
        text: 'Start with whatever arrived last and leave the deadline claims until tomorrow.',
        effectiveness: 1,
      },
      {
        id: 'd',
        text: 'Give the encounter sheets back to the physician and ask for them again next week.',
        effectiveness: 2,
      },
    ],
    key: { best: 'b', worst: 'c' },
    rationale:
      'Only one task has a hard deadline, and claims that miss it may not be paid at all. The best response protects that deadline while treating the patient and the physician with respect: the patient knows when they will be helped, and the physician knows when the coding will be done. Putting the claims last (a) risks the deadline; leaving them until tomorrow (c) misses it for certain. Handing the sheets back for a week (d) delays billing and strains the working relationship.',
  }),
  sjt({
    id: 'sjt-colleague-errors',
    title: 'A colleague keeps making entry errors',
    situation:
      'For several weeks, claims have been rejected because a front-desk colleague keeps entering the wrong subscriber ID or date of birth when registering patients.',
    options: [
      {
        id: 'a',
        text: 'Keep correcting the errors yourself without saying anything.',
        effectiveness: 2,
      },
      {
        id: 'b',
        text: 'Show the colleague the pattern of rejections in private, offer a short checklist or a quick refresher, and involve the supervisor if the errors continue.',
        effectiveness: 4,
      },
      { id: 'c', text: 'Complain about the colleague to the rest of the team.', effectiveness: 1 },
      {
        id: 'd',
        text: 'Ask the supervisor to discipline the colleague straight away.',
        effectiveness: 2,
      },
    ],
    key: { best: 'b', worst: 'c' },
    rationale:
      'Fixing the cause is worth more than fixing each claim. A private, factual conversation with a practical aid usually solves the problem and keeps the working relationship intact, and the supervisor is still there if it does not. Correcting errors quietly (a) costs time on every claim and never stops them. Complaining to the team (c) damages trust and fixes nothing. Going straight to discipline (d) skips the simple step most likely to work.',
  }),
  sjt({
    id: 'sjt-privacy-breach',
    title: 'Patient details discussed in a hallway',
    situation:
      "A colleague is talking loudly about a patient's bill and diagnosis in a hallway where other patients can hear.",
    options: [
      {
        id: 'a',
        text: 'Join the conversation; you know the patient too.',
        effectiveness: 1,
        redFlagIfBest: RED_FLAG.privacy,
      },
      { id: 'b', text: 'Ignore it; it is not your business.', effectiveness: 2 },
      {
        id: 'c',
        text: 'Quietly ask the colleague to continue somewhere private, and tell the privacy officer if it is serious or happens again.',
        effectiveness: 4,
      },
      {
        id: 'd',
        text: 'Tell the colleague off loudly, in front of the patients.',
        effectiveness: 2,
      },
    ],
    key: { best: 'c', worst: 'a' },
    rationale:
      "A patient's diagnosis and billing details are protected health information, and everyone on staff shares the duty to protect them. Stopping the disclosure discreetly ends the harm without embarrassing anyone, and the privacy officer needs to know about serious or repeated incidents. Joining in (a) adds to the disclosure. Ignoring it (b) lets it continue. A public reprimand (d) draws even more attention to the patient's information.",
  }),
  sjt({
    id: 'sjt-cannot-pay',
    title: 'Patient who cannot pay',
    situation:
      'A patient tells you that they have lost their job and cannot pay their outstanding balance. Your practice offers payment plans.',
    options: [
      {
        id: 'a',
        text: 'Insist on full payment and tell them the account goes to collections after 30 days.',
        effectiveness: 1,
      },
      {
        id: 'b',
        text: 'Explain the options: a payment plan within practice policy, and a check for financial-hardship assistance. Record what you agree on the account.',
        effectiveness: 4,
      },
      { id: 'c', text: 'Waive the whole balance.', effectiveness: 2 },
      { id: 'd', text: 'Tell them to call back once they have a new job.', effectiveness: 2 },
    ],
    key: { best: 'b', worst: 'a' },
    rationale:
      'The practice is still owed the balance, and the patient wants to settle it. A plan within policy, or a formal hardship review, gives both sides a realistic path, and recording the arrangement keeps the account clear for whoever picks it up next. Threatening collections (a) makes payment less likely and harms the relationship. Waiving the balance outside a hardship process (c) is inconsistent and can raise compliance problems. Asking the patient to call back later (d) leaves the account unresolved.',
  }),
];
