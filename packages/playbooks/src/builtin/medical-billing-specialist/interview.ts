// Structured interview guide: seven questions, each rated 1–5 against written anchors for a
// poor (1), adequate (3) and excellent (5) answer, with follow-up probes.
import type { InterviewGuideInput } from '../types';

export const interviewGuide: InterviewGuideInput = {
  questions: [
    {
      id: 'interview-upset-patient',
      competency: 'Patient communication',
      question:
        'Tell me about a time a patient was very upset or confused about a bill. What happened, what did you do, and how did it end?',
      anchors: {
        1: 'No concrete example, or the candidate argued with the patient, blamed the insurer or the patient, or passed the call on without trying. The outcome is unclear or was poor.',
        3: 'A real example. The candidate stayed polite, looked at the account and explained the bill, but the explanation stayed general and there is little sign of checking that the patient understood or of offering a way forward.',
        5: 'A specific example told clearly. The candidate let the patient speak, acknowledged the frustration, checked the account, explained the cause in plain words (for example a deductible or a coverage rule), offered concrete options such as an itemised statement or a payment plan, followed through, and documented the call. They can say what they learned from it.',
      },
      probes: [
        'How did you find out what had caused the balance?',
        'What words did you use to explain it?',
        'What did you offer the patient, and what happened afterwards?',
        'What would you do differently next time?',
      ],
    },
    {
      id: 'interview-billing-error',
      competency: 'Attention to detail',
      question: 'Describe a billing error you found. How did you spot it, and how did you fix it?',
      anchors: {
        1: 'Cannot name an error, or describes one that someone else found and fixed. No sense of how errors are caught.',
        3: 'A real error, such as a wrong code or date, found and corrected on the claim. Little about how it was found or whether it could happen again.',
        5: 'A specific error with a clear account of how it was caught (a rejection, a reconciliation, a routine check), the correction and resubmission, the amount or claims affected, and a change that stopped it recurring, such as a checklist, a scrubber edit or a word with the person concerned.',
      },
      probes: [
        'What made you notice it?',
        'How many claims or how much money did it affect?',
        'What did you change so it would not happen again?',
      ],
    },
    {
      id: 'interview-billing-process',
      competency: 'Revenue-cycle knowledge',
      question:
        'Walk me through the whole billing process for a typical visit at your last job, from scheduling to a zero balance.',
      anchors: {
        1: 'Describes only one or two steps, or the steps are out of order or wrong. Cannot say what happens after a claim is sent.',
        3: 'Covers the main steps (eligibility, coding, claim submission, payment posting, patient billing) in a sensible order, with little detail on denials, adjustments or follow-up.',
        5: 'A complete, ordered account: eligibility and authorisation, registration, coding, charge entry, clean-claim submission through a clearinghouse, reading the ERA or EOB, posting payments and contractual adjustments, billing the patient, and following up on denials and aging balances. Names the systems used and the checks at each stage.',
      },
      probes: [
        'Which system or clearinghouse did you use, and what did it check?',
        'What happens when an ERA shows a denial?',
        'How did you decide what to bill the patient?',
      ],
    },
    {
      id: 'interview-coding-systems',
      competency: 'Coding knowledge',
      question:
        'Which coding systems have you worked with, and how do you keep your coding accurate and up to date?',
      anchors: {
        1: 'Vague about which code sets are used for what, or relies on memory or old cheat sheets with no way of checking updates.',
        3: 'Knows ICD-10-CM for diagnoses and CPT/HCPCS for services, uses the encoder or code books, and is aware of annual updates.',
        5: 'Explains ICD-10-CM, CPT, HCPCS Level II and common modifiers with examples; codes from the documentation; follows the annual code updates, payer policies and NCCI edits; uses credible resources (AAPC, AHA Coding Clinic, CMS); holds or is working toward a CPC or CPB; and takes part in audits or continuing education.',
      },
      probes: [
        'When would you use modifier 25, and when 59?',
        'How did you learn about the last annual code update?',
        'What do you do when the documentation does not support a code?',
      ],
    },
    {
      id: 'interview-adjust-code',
      competency: 'Integrity',
      question:
        'A physician or manager asks you to "adjust" a code so that a claim gets paid. What do you do?',
      anchors: {
        1: "Would change the code as asked, or treats it as the other person's responsibility.",
        3: 'Would refuse to code above the documentation and explain why, but has no clear route beyond that.',
        5: 'Codes only what the documentation supports and explains this calmly. Offers a compliant route: a non-leading query to the provider, an addendum if the provider agrees the note is incomplete, or a review of why the claim is not paying. Knows when to go to the compliance officer, and can describe doing so respectfully.',
      },
      probes: [
        'What if the manager insists?',
        'How would you word a query to the provider?',
        'What are the risks of upcoding for the practice and for you?',
      ],
    },
    {
      id: 'interview-feedback',
      competency: 'Coachability',
      question: 'Tell me about constructive criticism you received at work. What did you do next?',
      anchors: {
        1: 'Cannot recall any, becomes defensive, or blames the person who gave the feedback.',
        3: 'A real example the candidate accepted and acted on, with a modest or unclear result.',
        5: 'A specific example; listened, asked questions to understand, made a concrete change, checked the result, and can show the improvement (for example fewer rejections or faster posting).',
      },
      probes: [
        'How did you feel when you heard it?',
        'What did you change, and how did you know it worked?',
      ],
    },
    {
      id: 'interview-role',
      competency: 'Role understanding',
      question: 'In your own words, what is the role of a medical billing specialist?',
      anchors: {
        1: 'Describes data entry or "sending bills" only, with no link to getting the practice paid correctly.',
        3: 'Describes coding, claims, payments and patient billing, and that the job is to get the practice paid.',
        5: 'Describes the whole revenue cycle and why it matters: accurate, compliant claims; prompt, correct payment; clear communication with patients, providers and payers; protecting patient privacy; and the measures that show it is working, such as clean-claim rate, denial rate, days in A/R and net collection rate.',
      },
      probes: [
        'Which measures would you watch in your first month?',
        'Where does this role affect patients directly?',
      ],
    },
  ],
};
