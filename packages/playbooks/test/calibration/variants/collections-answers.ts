// Calibration answers for medical-billing-collections-specialist's new written and procedure items.
import type { CalibrationSet } from './types';

export const callScript: CalibrationSet = {
  excellent: `Hello, may I speak with David Miller, please?

(If someone else answers: "Thank you. When would be a good time to reach him? Could you ask him to call Anna at 555-301-4400?" I leave nothing else, no details about the account.)

When David answers: "Hi, this is Anna from the billing office at Lakeside Surgical Center. Before I go on, for privacy reasons could you please confirm your date of birth?

Thank you, Mr. Miller. I'm calling about the balance of $640.00 for your procedure on April 2. Your insurance has paid its share, and this is the remaining balance. It is now 75 days past due, so I wanted to reach out and see how we can help.

If paying it all at once is hard, we can set up an interest-free payment plan of up to 12 monthly payments, which would be about $53.33 a month. You can also pay today by card over the phone. And if you are going through a hard time, we have a financial assistance application I can send you.

What would be manageable for you? Do you have any questions about the bill?"

After the call, I note the account with the date, what we agreed and the plan details, set up the plan in our system, and send him a written confirmation of the arrangement.`,

  good: `Hi, is this David Miller? Can you confirm your date of birth for me? Thanks. This is Anna from the billing office at Lakeside. I'm calling about your balance of $640 from your procedure in April, which is past due. Would you like to pay that today, or I can set you up on a payment plan with monthly payments. Let me know what works for you. I'll note the account with what we decide.`,

  mediocre: `Hello, this is the billing office calling for David Miller. You have a past due balance of $640 on your account. We need you to pay this as soon as possible. You can pay by card over the phone or on our patient portal. Please call us back at 555-301-4400.`,

  poor: `Mr. Miller, you owe $640 and it's 75 days late. If you don't pay by Friday we will send you to collections and take legal action. This will hurt your credit.`,

  empty: '',

  stuffed: `this is billing office date of birth verify $640 balance past due insurance paid payment plan monthly payments pay today by card financial assistance manageable any questions note the account written confirmation thank you`,
};

export const denialAppeal: CalibrationSet = {
  excellent: `1. Read the denial on the ERA and the payer's letter: the CO-50 reason code, any remark codes, the 180-day appeal deadline and how they want appeals submitted.
2. Review the claim for errors first. If the diagnosis code or its link to the procedure was wrong, I would send a corrected claim instead of an appeal.
3. Pull the payer's medical policy for this procedure and note the coverage criteria it requires.
4. Gather the medical records that show those criteria are met: office notes, test results, imaging and the conservative treatments that were tried first.
5. Ask the physician for a letter of medical necessity that answers the policy point by point, or request a peer-to-peer review.
6. Write the appeal letter and submit the appeal with the claim, the denial and the records through the payer's portal, well before the deadline.
7. Track the appeal and follow up every 30 days until there is a decision.
8. If the denial is upheld, file a second-level appeal and then request an external review.
9. Document each step in the account notes and keep copies and proof of submission.`,

  good: `I would look at the denial reason code on the EOB and the appeal deadline. Then I would get the office notes and test results from the chart, and ask the doctor for a letter of medical necessity. I would file an appeal with those documents before the deadline and follow up until it is decided.`,

  mediocre: `I would check why it was denied, then send the insurance the medical records and the doctor's notes and ask them to look at it again. I'd follow up in a few weeks.`,

  poor: `I would resend the claim with the records and hope they pay.`,

  empty: '',

  stuffed: `CO-50, denial letter, appeal deadline, medical policy, LCD, medical records, letter of medical necessity, peer-to-peer, submit appeal, track, second level, external review, document`,
};

export const dailyReconciliation: CalibrationSet = {
  excellent: `1. Print the day's posting report and pull up the ERAs and the bank portal with today's EFT and check deposits and the card settlement report.
2. Match each EFT to its ERA by payer, amount and trace number, and each check deposit to its batch.
3. Count the cash and checks from the front desk and compare them, with the card receipts, to the patient payments posted today and to the deposit slip.
4. Investigate every difference: an ERA that was not posted, a recoupment taken out of an EFT, a posting error, or a deposit that has not arrived yet.
5. Correct the posting, post the recoupment to the account it belongs to, or call the payer or the bank, depending on the cause.
6. Record the reconciliation on the reconciliation sheet, keep anything unresolved on the open-items log until it clears, and give it to my supervisor to sign off.`,

  good: `I would pull the ERAs and the bank statement and match each EFT to its ERA by amount. I'd count the cash and checks against the patient payments. If something doesn't match, I would look for the difference, like a recoupment or a posting error, and fix it.`,

  mediocre: `I compare the deposit total to the payments posted in the system and fix any differences.`,

  poor: `I look at the bank statement to see if the money came in.`,

  empty: '',

  stuffed: `posting report, ERA, bank statement, match EFT trace number, cash, checks, deposit slip, investigate variance, recoupment, repost, reconciliation log, sign off`,
};
