// Calibration answers for the written items, written the way real candidates write.
// Each set has graded qualities plus adversarial variants whose scores must order correctly.

export interface WrittenCalibration {
  excellent: string;
  good: string;
  mediocre: string;
  poor: string;
  empty: string;
  /** A bare list of the right keywords, no sentences. */
  stuffed: string;
  /** The good answer with its key statements negated. */
  negated: string;
  /** Complete content, but rude or blaming. Must score below `good`. */
  rude: string;
}

export const deductibleEmail: WrittenCalibration = {
  excellent: `Dear Ms. Smith,

Thank you for getting in touch, and I am sorry for the confusion. I understand it is frustrating to get a bill you did not expect.

I have looked at your account. Your insurance company did process the claim for your visit, but they applied the $250 to your deductible. A deductible is the amount you pay yourself each year before your insurance starts to pay. Because you had not met your deductible yet, this $250 is your share of the visit. The good news is that it now counts toward your deductible for the year.

You can pay online through our patient portal, or call our office to pay by card. If it would help to spread the cost, we are happy to set up a monthly payment plan.

If you have any questions, please call me at 555-123-4567 or reply to this email.

Kind regards,
Maria Lopez
Billing Office`,

  good: `Hi Jane,

Thanks for your email. I looked into the $250 charge for you. Your insurance applied it toward your deductible, which is the amount you pay each year before your plan starts to pay. Since that has not been met yet, the balance is yours to pay.

You can pay on our patient portal or call our office at 555-123-4567. Let me know if you have any questions.

Regards,
Tom`,

  mediocre: `Hello,

Per the EOB we received, the claim was adjudicated and the $250 was assigned to patient responsibility under PR-1 (deductible). This means the balance is owed by you. Please remit payment at your earliest convenience. The payer processed the claim correctly according to your plan benefits, so the balance cannot be adjusted by our office.

Thank you.`,

  poor: `Insurance put it to deductible so you owe the 250. Please pay.`,

  empty: '',

  stuffed: `Dear Ms. Smith understand sorry applied to your deductible pay online patient portal payment plan any questions call us kind regards`,

  negated: `Hi Jane,

Thanks for your email. I looked into the $250 charge for you. Your insurance did not apply it toward your deductible, and it is not the amount you pay each year before your plan starts to pay. I can't tell you why the balance is yours.

You can't pay on our patient portal and we don't take calls about billing. I don't have anything more to add.

Regards,
Tom`,

  rude: `Jane,

You should have read your policy before your visit. The $250 was applied to your deductible, which you had not met, so it is not our fault that you owe it. It is your responsibility to know what your plan covers, and there is nothing we can do about it.

You can pay online through the patient portal or call our office at 555-123-4567 to set up a payment plan. Call us if you have questions.

Regards,
Billing Office`,
};

export const providerClarification: WrittenCalibration = {
  excellent: `Hi Dr. Brown,

I'm coding John Doe's office visit on 9/10 and need your help with the E/M level. From the note I can't tell whether the medical decision making supports a level 3 (99213) or a level 4 (99214): the problems addressed are listed, but the data reviewed and the risk of the treatment plan are not clear.

Could you review the note and let me know which level reflects the visit? If something is missing, an addendum would be great.

Thank you for your help,
Priya (Billing)`,

  good: `Dr. Brown, could you please clarify the E/M level for John Doe's visit on 9/10? From the documentation I can't tell if it supports a level 3 or a level 4. Thanks!`,

  mediocre: `Hi Dr. Brown, I have a question about one of your notes from last week. The level isn't clear to me. Can you take a look when you get a chance?`,

  poor: `need the level for doe`,

  empty: '',

  stuffed: `Dr. Brown John Doe 9/10 level 3 level 4 medical decision making clarify addendum thank you`,

  negated: `Dr. Brown, I don't need you to clarify the E/M level for John Doe's visit on 9/10, and there's no question about level 3 or level 4. No addendum needed.`,

  rude: `Dr. Brown, your note for John Doe's visit on 9/10 is incomplete again. I can't code this: is it a level 3 or a level 4? Fix it and send me an addendum today.`,
};

export const npiChat: WrittenCalibration = {
  excellent: `Hi team, quick heads-up: 10 claims were rejected last week because they went out with the clinic's old NPI. I've corrected them and I'm resubmitting them today. Going forward, please double-check that new claims carry our current NPI, 1234567893, before you submit. If your software still has the old number saved as a default, let me know and we can update it together. Thanks, everyone!`,

  good: `Hi all, 10 claims were rejected last week because the old NPI was on them. Please make sure you use the correct NPI 1234567893 on new claims. Thanks!`,

  mediocre: `FYI some claims got rejected last week because of the NPI. Please use the new one from now on.`,

  poor: `npi wrong again`,

  empty: '',

  stuffed: `rejected old NPI corrected resubmitting double-check NPI 1234567893 thanks team`,

  negated: `Hi all, 10 claims were rejected last week because the old NPI was on them. There's no need to check the NPI on new claims, and you don't have to use 1234567893. Thanks!`,

  rude: `Whoever keeps using the old NPI needs to stop. 10 claims were rejected last week because of this carelessness. I've fixed them and I'm resubmitting, but this is unacceptable. The correct NPI is 1234567893. Check it before you submit. How hard is it?`,
};

/** The good team message with patient identifiers added: must raise `privacy-chat`. */
export const npiChatWithIdentifiers = `Hi all, 10 claims were rejected last week because the old NPI was on them, including Mary Johnson's (DOB 03/14/1962, MRN 448812) knee MRI. They're fixed and being resubmitted. Please make sure you use the correct NPI 1234567893 on new claims. Thanks!`;
