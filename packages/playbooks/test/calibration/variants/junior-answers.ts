// Calibration answers for medical-billing-specialist-junior's new written and procedure items.
import type { CalibrationSet } from './types';

export const chartQuery: CalibrationSet = {
  excellent: `Hi Sam,

Quick question about Maria Lopez's visit on 3/12. The superbill lists an X-ray of the left knee, but the order in her chart is for the right knee. Could you confirm with the provider which side was X-rayed and let me know? I'm holding the claim until we know, so it goes out correct the first time.

Thanks so much,
Kim (Billing)`,

  good: `Hi Sam, the superbill for Maria Lopez's visit on 3/12 says it was a left knee X-ray, but the order in her chart says right knee. Can you confirm which one is correct? Thanks!`,

  mediocre: `Hi Sam, the X-ray for Maria Lopez is different on the superbill and the order. Can you let me know which side is right when you get a chance?`,

  poor: `wrong knee on lopez xray, which one?`,

  empty: '',

  stuffed: `Sam Maria Lopez 3/12 left knee right knee superbill order confirm hold claim thanks`,
};

export const paymentReminder: CalibrationSet = {
  excellent: `Dear Mr. Chen,

I hope you are doing well. This is a friendly reminder that there is a balance of $85.00 on your account for your visit on 2/4. Your insurance has paid its share of the visit, and this amount is the part that is left for you to pay.

You can pay online through our patient portal, or call our office at 555-210-3300 to pay by phone. If it would be easier to pay in smaller amounts, we are happy to set up a payment plan.

If you have already sent your payment, thank you, and please ignore this email. If you have any questions about the bill, just reply to this email or give us a call.

Kind regards,
Lisa Park
Billing Office, Riverside Family Medicine`,

  good: `Hi Robert,

Just a reminder that you have a balance of $85 from your visit on 2/4, after your insurance paid its part. You can pay online on our patient portal or call us at 555-210-3300. Let us know if you have any questions.

Thanks,
Billing Office`,

  mediocre: `Hello,

Our records show your account has an unpaid balance of $85.00. Please remit payment as soon as possible to avoid further action on your account. Payment can be made through the patient portal.

Billing Department`,

  poor: `You owe $85. Pay now or your account goes to collections.`,

  empty: '',

  stuffed: `Dear Mr. Chen balance $85 2/4 insurance paid your share pay online patient portal call us payment plan any questions kind regards`,
};

export const submitClaim: CalibrationSet = {
  excellent: `1. Pull up the patient's account and check that the demographics and insurance information match the insurance card, and that the coverage is active.
2. Compare the codes on the superbill with the visit note: the CPT code for the visit and the ICD-10 diagnosis codes. If something is missing or doesn't match, I would ask the provider before going further.
3. Enter the charges with the date of service, the codes and units, the rendering provider's NPI and the place of service.
4. Run the claim through the scrubber and fix any errors it flags.
5. Submit the claim electronically through the clearinghouse.
6. The next day, check the clearinghouse acceptance report to make sure the claim was accepted, and fix and resend it if it was rejected.`,

  good: `I would check the patient's insurance information and check the CPT and ICD-10 codes against the visit note. Then I would enter the charges and submit the claim through the clearinghouse.`,

  mediocre: `I would enter the codes from the superbill and send the claim to the insurance.`,

  poor: `Send it to the insurance company.`,

  empty: '',

  stuffed: `verify insurance, check codes, CPT, ICD-10, enter charges, NPI, place of service, scrubber, submit claim, clearinghouse, acceptance report`,
};

export const unpaidFollowUp: CalibrationSet = {
  excellent: `1. Look up the claim in the billing system and check the clearinghouse report to make sure it was accepted and not rejected.
2. Check the claim status on the insurance portal, or call the payer if the portal doesn't show it.
3. If they have no record of the claim, resubmit it. If they need more information, such as medical records, send it. If it was denied, I would correct it or send it for appeal.
4. Document the call in the account notes: the date, the rep's name, the reference number and what they said.
5. Set a follow-up date in two weeks and check again until it is paid.
6. Let my supervisor know if the claim is getting close to the timely filing limit.`,

  good: `I would check the claim status on the payer portal or call the insurance. If the claim isn't on file I would resubmit it, and if it was denied I would tell my supervisor. I would write down the reference number in the account notes.`,

  mediocre: `I would call the insurance company and ask why it hasn't been paid.`,

  poor: `I would resubmit the claim.`,

  empty: '',

  stuffed: `claim status, payer portal, call payer, resubmit, reference number, account notes, follow-up date, supervisor, timely filing`,
};

export const patientPayment: CalibrationSet = {
  excellent: `1. Ask the patient for their name and date of birth and pull up the account to make sure I have the right patient.
2. Check the check: the amount in words and numbers matches $40, it's dated, signed and made out to the practice. Note the check number.
3. Post the payment to the account against the open balance, with the payment type and check number.
4. Print a receipt for the patient.
5. Endorse the back of the check "for deposit only" and put it in the locked cash drawer for today's deposit.
6. At the end of the day, reconcile the payments I posted with the checks and cash in the drawer and the deposit slip.`,

  good: `I would look up the patient's account and confirm their date of birth. Then I would post the $40 payment to their balance and note the check number.`,

  mediocre: `I would post the payment to the patient's account and give them a receipt.`,

  poor: `Put the check in the drawer and give the patient a receipt.`,

  empty: '',

  stuffed: `Date of birth, right account, check number, post payment, receipt, endorse, deposit, reconcile, end of day`,
};
