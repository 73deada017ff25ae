// Structured interview guide for the senior playbook: seven questions for someone who leads
// the billing function. Rated 1–5 against anchors, with probes.
import type { InterviewGuideInput } from '../types';

export const interviewGuide: InterviewGuideInput = {
  questions: [
    {
      id: 'interview-senior-metrics',
      competency: 'Revenue-cycle metrics',
      question:
        'Which billing metrics do you track, how do you calculate them, and tell me about a time a metric led you to change something.',
      anchors: {
        1: 'Names few or no metrics, cannot say how they are calculated, or has never acted on them.',
        3: 'Tracks the usual metrics (denial rate, days in A/R, collection rate) and reports them, with a general example of acting on one.',
        5: 'Defines the metrics correctly (for example net collection rate = payments ÷ (charges − contractual adjustments), days in A/R = A/R ÷ average daily charges, first-pass rate), breaks them down by payer, provider and reason, and gives a specific example of spotting a trend, finding its cause, making a change and showing the result in the numbers.',
      },
      probes: [
        'What is the difference between the gross and the net collection rate?',
        'What target did you set, and how did you reach it?',
        'How do you report these to owners or physicians?',
      ],
    },
    {
      id: 'interview-senior-audit',
      competency: 'Auditing and process improvement',
      question:
        'Tell me about an audit of billing or coding you planned or led. What did you find, and what changed as a result?',
      anchors: {
        1: 'Has not audited, or describes a review with no method and no result.',
        3: 'Describes a real audit with a sample and findings, and some corrections, but little about root causes or follow-up.',
        5: 'Describes the scope, the sample, the comparison with documentation and payer rules, the error rate and financial impact, corrections in both directions (including returning overpayments), education and process fixes, and a follow-up audit that confirmed the improvement.',
      },
      probes: [
        'How did you choose the sample?',
        'What did you do about overpayments you found?',
        'How did the providers react, and how did you handle it?',
      ],
    },
    {
      id: 'interview-senior-coaching',
      competency: 'Leading and developing staff',
      question:
        'Tell me about a team member whose performance slipped. What did you do, and how did it turn out?',
      anchors: {
        1: 'Avoided the issue, did the work themselves, or went straight to discipline or public criticism.',
        3: 'Raised it with the person and set expectations, with a reasonable outcome, but little exploration of the cause.',
        5: 'Used facts, spoke privately, asked about the cause, agreed a concrete plan with support such as training or a checklist, followed up on a set date, recognised improvement, and knew when to move to a formal process.',
      },
      probes: [
        'What did you say in the first conversation?',
        'How did you measure improvement?',
        'What would you have done if it had not improved?',
      ],
    },
    {
      id: 'interview-senior-complex-denial',
      competency: 'Complex denials and appeals',
      question:
        'Describe the most difficult denial or payer dispute you resolved. How did you approach it?',
      anchors: {
        1: 'Cannot give an example, or gave up after the first denial.',
        3: 'A real appeal with supporting documentation, resolved at the first level.',
        5: 'A specific, high-value case: read the denial and the payer policy, gathered records and a letter of medical necessity, used the right appeal levels within deadlines (including peer-to-peer or external review where needed), escalated through provider relations, and fixed the root cause for future claims.',
      },
      probes: [
        'Which payer policy or rule was at issue?',
        'What made the difference in the appeal?',
        'What did you change so it would not happen again?',
      ],
    },
    {
      id: 'interview-senior-payer-rules',
      competency: 'Payer and regulatory knowledge',
      question:
        'How do you keep yourself and your team current on coding and payer rules for Medicare, Medicaid and commercial plans?',
      anchors: {
        1: 'Relies on memory or waits for denials to reveal changes.',
        3: 'Follows annual code updates and payer bulletins, and passes on changes informally.',
        5: 'Has a routine: annual CPT, HCPCS and ICD-10 updates, CMS transmittals and MAC bulletins, NCCI edits, LCDs and NCDs, commercial payer policy updates, revenue codes where relevant; holds an AAPC or AHIMA credential with continuing education; turns changes into scrubber edits, templates and short team trainings.',
      },
      probes: [
        'Give an example of a recent rule change and what you did about it.',
        'How do you make sure the whole team applies a change?',
      ],
    },
    {
      id: 'interview-senior-compliance-pressure',
      competency: 'Integrity and compliance leadership',
      question:
        'Tell me about a time a physician, owner or manager asked for something in billing that you believed was not compliant. What did you do?',
      anchors: {
        1: 'Went along with it, or has never considered the question.',
        3: 'Refused and explained why, without offering an alternative or involving compliance.',
        5: 'Explained the rule and the risk calmly, offered a compliant way to reach the legitimate goal, involved the compliance officer or counsel when needed, documented the discussion, and kept the working relationship.',
      },
      probes: [
        'What did you say, exactly?',
        'What would you have done if they had insisted?',
        'Who in the practice is responsible for compliance?',
      ],
    },
    {
      id: 'interview-senior-change',
      competency: 'Leading change',
      question:
        'Tell me about a change to the billing process or system that you led. How did you bring the team with you?',
      anchors: {
        1: 'No example, or a change imposed without preparation that did not stick.',
        3: 'Led a real change with some planning and training, with mixed results.',
        5: 'Explained why the change was needed with data, planned it with the team, trained people and provided job aids, watched the metrics closely after go-live, supported those who struggled, and can show the result.',
      },
      probes: [
        'Who resisted, and how did you handle it?',
        'How did you know the change had worked?',
      ],
    },
  ],
};
