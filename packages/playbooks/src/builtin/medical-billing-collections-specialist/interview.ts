// Structured interview guide for the billing-and-collections playbook: seven questions on
// posting, reconciliation, collections and appeals. Rated 1–5 against anchors, with probes.
import type { InterviewGuideInput } from '../types';

export const interviewGuide: InterviewGuideInput = {
  questions: [
    {
      id: 'interview-collections-posting',
      competency: 'Payment posting',
      question:
        'Walk me through how you post an ERA that has paid lines, patient responsibility and a denied line.',
      anchors: {
        1: 'Posts the payment total only, or writes off or bills the patient for everything that was not paid.',
        3: 'Posts payments and contractual adjustments line by line and moves coinsurance and deductibles to the patient, but is vague about denied lines.',
        5: 'Posts each line: payment, CO-45 contractual adjustment, PR amounts to the patient; posts a denied line at zero with its reason and remark codes and routes it to be corrected or appealed rather than writing it off; handles provider-level adjustments; and balances the batch to the EFT.',
      },
      probes: [
        'What is the difference between group codes CO and PR?',
        'What do you do with a CO-16 denial?',
        'How do you make sure the batch matches the deposit?',
      ],
    },
    {
      id: 'interview-collections-reconciliation',
      competency: 'Reconciliation',
      question:
        'Tell me about a time the payments you posted did not match the bank deposit. How did you find the cause?',
      anchors: {
        1: 'Has not reconciled, or made the figures agree with an adjustment without finding the cause.',
        3: 'A real example, found the difference by comparing reports, and fixed it with help.',
        5: 'A specific example: matched deposits to remittances by trace number, found the cause (for example a recoupment, an unposted ERA or a transposed amount), corrected it at the source, logged open items until they cleared and had the reconciliation reviewed.',
      },
      probes: [
        'What reports did you use?',
        'What would you do if you could not find the difference by the end of the day?',
      ],
    },
    {
      id: 'interview-collections-difficult-call',
      competency: 'Respectful collections',
      question:
        'Tell me about a difficult call with a patient who owed money. What did you say, and what was the outcome?',
      anchors: {
        1: 'Pressured or threatened the patient, argued, or gave up without offering options.',
        3: 'Stayed polite, explained the balance and offered a payment plan, with a modest outcome.',
        5: "Verified identity first, stayed calm and respectful, listened to the patient's situation, explained the balance plainly, offered realistic options (a plan within policy, financial assistance), agreed a concrete arrangement, documented it and confirmed it in writing. Knows what must never be said on a collection call.",
      },
      probes: [
        'How did you verify who you were speaking with?',
        'What would you never say on a collection call?',
        'What happened to the account afterwards?',
      ],
    },
    {
      id: 'interview-collections-credit-balances',
      competency: 'Refunds and credit balances',
      question: 'How do you handle credit balances on patient accounts?',
      anchors: {
        1: 'Leaves credits on accounts, or moves them to income.',
        3: 'Reviews credit balances and refunds the patient or payer, without a clear process for deciding which.',
        5: 'Works a credit-balance report regularly, finds the cause of each credit (duplicate payment, posting error, overpayment by the patient or by a payer), refunds whoever overpaid through the right process and within the required time, keeps an audit trail, and follows the state unclaimed-property rules for refunds that cannot be delivered.',
      },
      probes: [
        'How do you decide whether the patient or the payer gets the refund?',
        'How quickly do refunds need to go out?',
      ],
    },
    {
      id: 'interview-collections-appeal',
      competency: 'Denials and appeals',
      question: 'Tell me about a denial you overturned on appeal. What made the appeal succeed?',
      anchors: {
        1: 'No example, or would simply resubmit the same claim.',
        3: 'A real appeal with documentation, filed on time.',
        5: 'A specific case: read the denial and the payer policy, checked the claim for errors first, built the appeal on the policy criteria with records and a letter of medical necessity, met the deadline, tracked it and escalated when needed, and fixed the cause for future claims.',
      },
      probes: [
        'How did you decide between a corrected claim and an appeal?',
        'How do you keep track of appeal deadlines?',
      ],
    },
    {
      id: 'interview-collections-prioritising',
      competency: 'Prioritising A/R',
      question:
        'You have a large aging report and a week to make a difference. How do you decide what to work first?',
      anchors: {
        1: 'Works from the top of the list or the oldest accounts only, with no regard to deadlines or amounts.',
        3: 'Prioritises by age and dollar amount and follows up on insurance and patient balances.',
        5: 'Prioritises by timely-filing and appeal deadlines, dollar value and likelihood of payment; groups work by payer and denial reason; tracks outcomes; and knows which KPIs (days in A/R, net collection rate, denial rate) should move as a result.',
      },
      probes: [
        'Which accounts would you leave for later, and why?',
        "How would you measure the week's results?",
      ],
    },
    {
      id: 'interview-collections-target-pressure',
      competency: 'Integrity',
      question:
        'Your manager wants collections up this month and suggests sending every balance over 60 days to the agency. What do you do?',
      anchors: {
        1: 'Does it without question, or uses pressure tactics on patients to hit the target.',
        3: 'Follows the written policy and raises concerns, without offering an alternative.',
        5: "Follows the practice's collection policy (notices, timing, hardship review), points out accounts that should not go (open insurance, disputes, payment plans in good standing, hardship cases), proposes steps that raise collections fairly (calls, plans, fixing denials) and documents the decision.",
      },
      probes: [
        'Which accounts should never go to the agency?',
        'What would you say to the manager?',
      ],
    },
  ],
};
