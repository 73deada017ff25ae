// Situational judgment for the senior playbook: the upcoding situation shared with the
// mid-level playbook, plus three situations that only someone leading the billing function
// faces: acting on an audit, managing a team member's performance and a compliance request
// from the owner.
import type { SjtItemInput } from '../types';
import { RED_FLAG, SECTION } from './policy';
import { upcodePressure } from './shared';

const QUESTION = 'Which response is the **most** effective, and which is the **least** effective?';

type Situation = Omit<SjtItemInput, 'section' | 'type' | 'prompt'> & { situation: string };

function sjt({ situation, ...item }: Situation): SjtItemInput {
  return { ...item, type: 'sjt', section: SECTION.judgment, prompt: `${situation}\n\n${QUESTION}` };
}

export const overpaymentAudit = sjt({
  id: 'sjt-senior-overpayment-audit',
  title: 'An audit finds overpaid claims',
  situation:
    "Your quarterly coding audit shows that for the past six months one physician's office visits were billed mostly at level 4, but the notes support only level 3 for about a third of them. Many of those claims were paid by Medicare and by two commercial payers.",
  options: [
    {
      id: 'a',
      text: 'Correct the coding from now on and leave the claims that were already paid alone, since no payer has raised them.',
      effectiveness: 1,
      redFlagIfBest: RED_FLAG.keepOverpayment,
    },
    {
      id: 'b',
      text: "Take the findings to the compliance officer, work out which claims were overpaid and by how much, return the overpayments through each payer's process within the required time, and educate the physician, with a follow-up audit.",
      effectiveness: 4,
    },
    {
      id: 'c',
      text: 'Go through the findings with the physician at the next all-staff meeting, so that everyone learns from them.',
      effectiveness: 2,
    },
    {
      id: 'd',
      text: "Stop sending any of the physician's claims until an outside firm has reviewed all of them.",
      effectiveness: 2,
    },
  ],
  key: { best: 'b', worst: 'a' },
  rationale:
    "Once an overpayment has been identified, the practice has to return it: Medicare requires identified overpayments to be reported and returned within 60 days, and knowingly keeping them can make them false claims; commercial contracts have their own refund terms. The best response brings in compliance, quantifies the problem, repays through each payer's process, and fixes the cause with education and a follow-up audit. Fixing only future claims (a) keeps money the practice is not entitled to. Airing one physician's errors at an all-staff meeting (c) embarrasses them and is not how compliance findings are handled. Holding every claim (d) stops the practice's cash flow when a targeted review would do.",
});

export const staffBacklog = sjt({
  id: 'sjt-senior-staff-backlog',
  title: 'A team member falls behind after a system change',
  situation:
    'Six weeks ago the practice moved to a new billing system. Since then, Dana, an experienced biller on your team, has fallen behind on payment posting and her error rate has doubled. The rest of the team has adapted.',
  options: [
    {
      id: 'a',
      text: "Quietly move some of Dana's posting to other team members.",
      effectiveness: 2,
    },
    {
      id: 'b',
      text: 'Meet Dana privately, share the numbers, ask what is getting in the way, and agree on a plan (for example training on the new system and a posting checklist) with a date to review progress.',
      effectiveness: 4,
    },
    { id: 'c', text: 'Give Dana a formal written warning straight away.', effectiveness: 2 },
    {
      id: 'd',
      text: "Show every team member's error rate, by name, at the next team meeting, so that Dana can see where she stands.",
      effectiveness: 1,
    },
  ],
  key: { best: 'b', worst: 'd' },
  rationale:
    "An experienced biller whose results dropped when the system changed most likely has a training or workflow gap, not a motivation problem. A private conversation built on facts, with Dana's own view of the cause, a concrete plan and a review date, is the approach most likely to fix it and keeps her trust. Moving her work quietly (a) overloads others and hides the problem. A formal warning first (c) skips the step most likely to work. Naming error rates in front of the team (d) humiliates her and damages trust across the team.",
});

export const copayWaiver = sjt({
  id: 'sjt-senior-copay-waiver',
  title: 'Owner asks to stop collecting copays',
  situation:
    "To compete with a new clinic nearby, the physician owner asks you to set up the billing system so that patients are no longer charged copays or deductibles. Many of the practice's patients are on Medicare.",
  options: [
    {
      id: 'a',
      text: "Set it up as asked; it is the owner's practice.",
      effectiveness: 1,
      redFlagIfBest: RED_FLAG.copayWaiver,
    },
    {
      id: 'b',
      text: "Explain that routinely waiving copays and deductibles can breach payer contracts and federal fraud-and-abuse rules. Suggest a written financial-hardship policy applied case by case and documented, and bring in the compliance officer or the practice's attorney.",
      effectiveness: 4,
    },
    {
      id: 'c',
      text: 'Decline to set it up, without saying why or suggesting anything else.',
      effectiveness: 3,
    },
    {
      id: 'd',
      text: 'Tell the rest of the staff that the owner is asking for something illegal.',
      effectiveness: 2,
    },
  ],
  key: { best: 'b', worst: 'a' },
  rationale:
    "Routinely waiving cost-sharing misstates the practice's real charge to payers and, for Medicare patients, can be treated as an inducement under federal fraud-and-abuse law; commercial contracts usually forbid it too. Waivers are allowed case by case for documented financial hardship. The best response protects the practice, offers the owner a compliant way to help patients who cannot pay, and brings in the people who advise on compliance. Setting it up (a) exposes the practice to liability. Declining without explanation (c) avoids the violation but leaves the owner without a reason or an alternative. Telling the staff (d) damages trust and solves nothing.",
});

export const judgmentItems: SjtItemInput[] = [
  upcodePressure,
  overpaymentAudit,
  staffBacklog,
  copayWaiver,
];
