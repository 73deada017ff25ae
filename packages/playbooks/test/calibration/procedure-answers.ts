// Calibration answers for the procedure items, written the way real candidates write.

export interface ProcedureCalibration {
  excellent: string;
  good: string;
  mediocre: string;
  poor: string;
  empty: string;
  /** A bare list of the right keywords, no actions. */
  stuffed: string;
  /** The good answer with its critical step(s) negated. */
  negated: string;
  /** The good answer's steps, in a jumbled order. Must score below `good`. */
  reordered: string;
}

export const missingModifier: ProcedureCalibration = {
  excellent: `1. Open the ERA and read the denial: check the CARC and RARC codes to see which line is missing a modifier.
2. Pull the visit documentation and the payer's guidelines to decide which modifier is correct, for example 25 for a separately identifiable E/M on the same day as a procedure, or 59 for a distinct procedure. If the note doesn't support a modifier, I'd query the provider instead of guessing.
3. Correct the claim by appending the modifier to the right line.
4. Resubmit it as a corrected claim, well within the payer's timely filing limit.
5. Follow up on the claim status until it is paid, then post the payment.
6. Document what I did in the account notes, and if this keeps happening, set up a scrubber edit or give the provider feedback so it doesn't happen again.`,

  good: `First I would look at the denial on the EOB to see which service is missing the modifier. Then I would check the doctor's notes to work out which modifier fits, like 25 or 59. I would add the modifier to the claim and resubmit the corrected claim. After that I would follow up with the insurance until it gets paid.`,

  mediocre: `I would add the modifier and send the claim again.`,

  poor: `I would just send the claim again.`,

  empty: '',

  stuffed: `ERA, CARC, denial code, documentation, modifier 25, modifier 59, corrected claim, resubmit, timely filing, follow up, claim status`,

  negated: `First I would look at the denial on the EOB to see which service is missing the modifier. Then I would check the doctor's notes to work out which modifier fits, like 25 or 59. I would not resubmit the claim, because once a claim is denied it is closed. I wouldn't follow up with the insurance either.`,

  reordered: `First I would resubmit the corrected claim. Then I would follow up with the insurance until it gets paid. After that I would add the modifier to the claim. Then I would check the doctor's notes to work out which modifier fits, like 25 or 59. Finally I would look at the denial on the EOB to see which service is missing the modifier.`,
};

export const newPatientCycle: ProcedureCalibration = {
  excellent: `1. Before the visit, verify the patient's eligibility and benefits with the insurer and obtain the prior authorization for the procedure, recording the auth number.
2. Register the patient: enter demographics and the insurance details exactly as on the insurance card, and scan the card.
3. After the visit, code the encounter from the documentation: ICD-10-CM diagnosis codes, the CPT procedure code and an E/M level if one applies.
4. Enter the charges with the rendering provider's NPI, the place of service and any modifiers.
5. Submit a clean claim through the clearinghouse after it passes the scrubber edits, and fix any rejections right away.
6. When the ERA comes back, review what the insurance paid and any adjustments.
7. Post the payment and the contractual adjustment.
8. Bill the patient for the remaining balance (deductible or coinsurance) with a clear statement.
9. Follow up on any denials, underpayments or unpaid balances until resolved.
10. Post the patient payment when it comes in so the account reaches a zero balance.`,

  good: `I would verify the patient's insurance eligibility and get the prior auth before the appointment. At check-in I would register the patient's demographics and insurance. After the visit I would code the procedure with CPT and ICD-10 codes and submit the claim through the clearinghouse. When the EOB comes back I would post the payment and the contractual adjustment, then bill the patient for their portion and follow up on anything unpaid.`,

  mediocre: `I would enter the patient's information, code the visit, and send the claim to the insurance. When the insurance pays, I post the payment and send the patient a bill for what's left.`,

  poor: `I would make sure the patient pays their copay and send the bill to the insurance.`,

  empty: '',

  stuffed: `Eligibility, prior authorization, demographics, ICD-10, CPT, E/M, NPI, place of service, modifiers, clearinghouse, 837, ERA, EOB, payment posting, contractual adjustment, patient statement, denials, follow up, patient payment`,

  negated: `I would not verify the patient's insurance eligibility or get a prior auth before the appointment, because the front desk handles that. At check-in I would register the patient's demographics and insurance. After the visit I would code the procedure with CPT and ICD-10 codes and submit the claim through the clearinghouse. When the EOB comes back I would post the payment and the contractual adjustment, then bill the patient for their portion and follow up on anything unpaid.`,

  reordered: `When the EOB comes back I would post the payment and the contractual adjustment. Then I would bill the patient for their portion. After that I would submit the claim through the clearinghouse and code the procedure with CPT and ICD-10 codes. Then I would register the patient's demographics and insurance, and verify the patient's insurance eligibility and get the prior auth. Last, I would follow up on anything unpaid.`,
};

export const agingAr: ProcedureCalibration = {
  excellent: `1. Sort the aging report and prioritize: claims closest to each payer's timely filing limit first, then the highest-dollar balances.
2. For each insurance claim over 60 days, check the claim status on the payer portal (Availity or the payer's own site), or call the payer if the portal doesn't show it.
3. If the payer has no claim on file, resubmit it with proof of timely filing; if it was denied, correct the claim or file an appeal with the documentation.
4. For patient balances over 90 days, contact the patients: send a statement and follow up with a phone call.
5. Offer a payment plan, or a financial assistance application if they are struggling.
6. Document every call, statement and promise to pay in the account notes.
7. If there is still no response after the final notice, send the account to collections according to the practice policy.`,

  good: `I'd start with the oldest and largest balances. For the insurance claims I would check the claim status on the payer portal or call the payer, then resubmit or appeal depending on what I find. For the patient balances I would call the patients, send statements and offer payment plans. Accounts that still don't pay would go to collections per our policy.`,

  mediocre: `I would call the insurance companies about the old claims and send the patients another statement.`,

  poor: `Send everything over 90 days to collections.`,

  empty: '',

  stuffed: `Prioritize, timely filing, high dollar, claim status, payer portal, resubmit, appeal, patient statements, phone calls, payment plans, documentation, collections`,

  negated: `I'd start with the oldest and largest balances. I would not check the claim status with the payers or call them; they will pay eventually. For the patient balances I would not call the patients or send statements either. I would offer payment plans. Accounts that still don't pay would go to collections per our policy.`,

  reordered: `Accounts that don't pay would go to collections per our policy. I would offer payment plans. I would call the patients and send statements. Then I would resubmit or appeal, and check the claim status on the payer portal or call the payer. Last, I'd start on the oldest and largest balances.`,
};

export const missingPreauth: ProcedureCalibration = {
  excellent: `1. Let my supervisor and the ordering physician know right away, since the missing authorization is the practice's error, not the patient's.
2. Call the insurance company (or use the payer portal) to ask whether they accept a retro authorization request for the MRI, and what the deadline and appeal route are.
3. Submit the retro auth request with the order and clinical notes. If it is denied, file an appeal with a letter of medical necessity from the physician and the radiology report.
4. Only after every insurance option has been tried would I involve the patient, following our policy and the plan contract.
5. Put a checklist and a flag in the scheduling workflow so that auth-required orders cannot be scheduled before the authorization is on file, so it doesn't happen again.`,

  good: `I would tell my supervisor and the ordering doctor. Then I would call the insurance company and ask for a retro authorization. If they deny it, I would file an appeal with the medical necessity documentation. Only then would I talk to the patient.`,

  mediocre: `I would call the insurance and ask if we can still get the authorization, and appeal if they say no.`,

  poor: `Bill the patient for the MRI since insurance won't pay without an auth.`,

  empty: '',

  stuffed: `Supervisor, ordering provider, retro authorization, insurance, appeal, medical necessity, patient, checklist, prevention`,

  negated: `I would tell my supervisor and the ordering doctor. I would not call the insurance company or ask for a retro authorization, since they never approve those. If the claim is denied, I would file an appeal with the medical necessity documentation. Only then would I talk to the patient.`,

  reordered: `First I would talk to the patient. Then I would file an appeal with the medical necessity documentation. After that I would call the insurance company and ask for a retro authorization, and tell my supervisor and the ordering doctor.`,
};
