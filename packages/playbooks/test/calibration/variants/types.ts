// Calibration sets for the variant playbooks' new written and procedure items: graded
// answers written the way real candidates write, plus a keyword-stuffed adversarial answer.

export interface CalibrationSet {
  excellent: string;
  good: string;
  mediocre: string;
  poor: string;
  empty: string;
  /** A bare list of the right keywords (with a few verbs), no real sentences. */
  stuffed: string;
}
