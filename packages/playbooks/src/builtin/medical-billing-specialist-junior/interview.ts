// Structured interview guide for the junior playbook: seven questions a candidate with up to
// two years of experience (or transferable experience from another customer-facing or
// data-entry job) can answer from real examples. Rated 1–5 against anchors, with probes.
import type { InterviewGuideInput } from '../types';

export const interviewGuide: InterviewGuideInput = {
  questions: [
    {
      id: 'interview-junior-customer-service',
      competency: 'Customer service',
      question:
        'Tell me about a time you helped a customer or patient who was upset or confused. It does not have to be in healthcare. What did you do, and how did it end?',
      anchors: {
        1: 'No real example, or the candidate argued, blamed the customer or passed them on without trying to help.',
        3: 'A real example. The candidate stayed polite and solved the immediate problem, but says little about listening or checking that the person understood.',
        5: 'A specific example told clearly: let the person explain, stayed calm, found out what the problem really was, explained the answer in plain words, offered a next step, followed through, and knew when to bring in a supervisor.',
      },
      probes: [
        'What did the person say, and what did you say back?',
        'How did you know they were satisfied?',
        'What would you do differently?',
      ],
    },
    {
      id: 'interview-junior-accuracy',
      competency: 'Attention to detail',
      question:
        "How do you check your own work when you enter a lot of data? Tell me about a mistake you caught, yours or someone else's.",
      anchors: {
        1: 'Does not check, or relies on others to find mistakes. Cannot give an example.',
        3: 'Re-reads entries and gives a real example of a caught mistake, without a consistent way of checking.',
        5: 'Has a routine, such as checking names, dates of birth, ID numbers and amounts against the source, reading numbers back digit by digit, and reconciling totals at the end of the day. Gives a specific caught mistake, what it would have cost, and what was changed so it would not recur.',
      },
      probes: [
        'What kinds of mistakes are easiest to miss?',
        'What do you do when you are interrupted halfway through?',
        'How do you check a long list of numbers?',
      ],
    },
    {
      id: 'interview-junior-codes',
      competency: 'Coding basics',
      question:
        'What are ICD-10 and CPT codes used for? What would you do if the codes on a superbill did not seem to match the visit?',
      anchors: {
        1: 'Cannot say what the code sets are for, or would change codes on their own to make a claim go through.',
        3: 'Knows that ICD-10 codes describe diagnoses and CPT codes describe services, and would ask someone about a mismatch.',
        5: 'Explains that ICD-10-CM codes say why the patient was seen and CPT (and HCPCS) codes say what was done, and that the diagnosis must support the service. Would compare the superbill with the visit note, hold the claim, and ask the provider or a coder to confirm, never pick a code because it pays.',
      },
      probes: [
        'Where did you learn about these codes?',
        'Who would you ask, and how?',
        'Why does it matter which diagnosis goes with which service?',
      ],
    },
    {
      id: 'interview-junior-claim-basics',
      competency: 'Claim basics',
      question:
        'What happens to a claim after it is sent to the insurer? What would you do about a claim that has not been paid after 45 days?',
      anchors: {
        1: 'Does not know, or would simply send the claim again without checking anything.',
        3: 'Knows that the insurer pays, denies or asks for information and that someone has to follow up; would call the insurer.',
        5: 'Describes the clearinghouse check, the insurer processing the claim and sending a remittance, and payment posting. For the unpaid claim, would check that it was accepted, check its status on the portal or by phone, act on the answer, note the account with a reference number, set a follow-up date and tell the supervisor if the filing limit is near.',
      },
      probes: [
        'What is a remittance or EOB?',
        'What would you write in the account notes?',
        'What is a timely filing limit?',
      ],
    },
    {
      id: 'interview-junior-privacy',
      competency: 'Patient privacy',
      question:
        "Someone calls and asks about a patient's bill. They say they are the patient's daughter. What can you tell them, and how do you decide?",
      anchors: {
        1: 'Would share the details because the caller sounds genuine or knows some facts about the patient.',
        3: 'Knows that patient information is private and would not share it, but is unsure how to check or what to offer instead.',
        5: 'Checks the account for an authorisation or personal representative naming the caller, shares nothing without it, stays polite, offers a way forward (the patient calls, or adds the caller as an authorised contact), notes the call, and asks the supervisor or privacy officer when unsure. Knows the basics of HIPAA.',
      },
      probes: [
        'What if the caller only wants to pay the bill?',
        'What would you do if a colleague shared patient details in the lobby?',
      ],
    },
    {
      id: 'interview-junior-learning',
      competency: 'Learning and coachability',
      question:
        'Tell me about something new you had to learn quickly at work or in training, such as a system or a process. How did you go about it?',
      anchors: {
        1: 'No example, or waited to be taught and did not follow up.',
        3: 'A real example; learned it with help from others and got it right in time.',
        5: 'A specific example; took notes, practised, asked focused questions, used the manuals or help resources, checked their work with someone experienced, and can show the result. Describes acting on feedback.',
      },
      probes: [
        'What did you do when you got stuck?',
        'What feedback did you get, and what did you change?',
      ],
    },
    {
      id: 'interview-junior-organisation',
      competency: 'Organisation',
      question:
        'Billing work comes in many small tasks with different deadlines. How do you keep track of what to do first? Give an example.',
      anchors: {
        1: 'No method; works on whatever comes next, or cannot give an example.',
        3: 'Keeps a list and does urgent things first, with a general example.',
        5: "A clear method (a task list or the system's work queues, deadlines first, then the largest amounts), with a specific example of juggling tasks; tells people when things will be done and asks the supervisor when priorities clash.",
      },
      probes: [
        'What do you do when two people need something at the same time?',
        'How do you make sure nothing is forgotten?',
      ],
    },
  ],
};
