// Calibration answers for medical-billing-specialist-senior's new written and procedure items.
import type { CalibrationSet } from './types';

export const coachingMessage: CalibrationSet = {
  excellent: `Hi Alex,

Could we find 20 minutes tomorrow morning to sit down together? While reviewing last month's posting I found 9 payments where the contractual adjustment stayed on the patient's balance, so those patients were sent statements for amounts they didn't owe. I've already corrected the accounts and sent corrected statements, so there's nothing left to fix there.

This is out of character for you. Your posting has been accurate and reliable for the two years you've been on the team, so I'd like to hear from you what happened. Was it the new ERA layout, the volume, or something else getting in the way?

When we meet, we can walk through a few of those postings together, and I'll share the posting checklist I use. Then let's pick a date in two weeks for a quick spot check of your postings to make sure everything is on track.

Thanks, Alex. I appreciate the care you put into your work.

Maria`,

  good: `Hi Alex, I noticed 9 of last month's payments were posted with the contractual adjustment left on the patient balance, and those patients got statements they shouldn't have. I've fixed the accounts. This isn't typical of your work, so can we meet tomorrow to go over what happened? I'm happy to walk through the posting steps together. Thanks!`,

  mediocre: `Alex, I found several posting errors on your work last month where adjustments went to the patient. Please be more careful with posting going forward and let me know if you need anything.`,

  poor: `Alex, you posted 9 payments wrong last month. This cannot happen again.`,

  empty: '',

  stuffed: `Hi Alex 9 contractual adjustment patient statements accounts corrected usually accurate your thoughts meet walk through checklist follow up thanks`,
};

export const billingAudit: CalibrationSet = {
  excellent: `1. Start with the denial report to set the scope: which providers, payers and denial reasons are driving the increase. Agree the audit plan and time period with the owner.
2. Pull a random sample of 10 claims per physician from the last two quarters, plus extra claims from the top denial reasons.
3. Compare each claim line by line with the visit notes and the payer's rules: CPT and ICD-10 codes, E/M level, modifiers, units, dates of service and authorizations.
4. Log the findings in a spreadsheet and calculate the error rate, the dollar impact and the root cause of each error.
5. Correct what we find: rebill underpaid claims that are still within the filing limit, and refund any overpayments to the payers.
6. Present the findings to the owner and the physicians, and give each provider and biller feedback and training on their own errors.
7. Fix the process: update templates, add scrubber edits and tighten the front-desk eligibility checks.
8. Re-audit a new sample in three months and track the denial rate monthly to confirm the improvement.`,

  good: `I would pull a sample of claims for each physician and compare them against the documentation to check the codes and modifiers. Then I would calculate the error rate, fix and resubmit the claims that were coded wrong, and share the findings with the providers with some training.`,

  mediocre: `I would look at a few claims from each doctor and check if the codes are right, then tell the doctors what they need to fix.`,

  poor: `I would tell the staff to be more careful and send out some training.`,

  empty: '',

  stuffed: `scope, random sample, compare documentation, NCCI, modifiers, error rate, root cause, refund overpayments, rebill, education, scrubber edits, templates, re-audit, KPI dashboard`,
};
