/** What erased free text reads as, wherever a candidate's words were quoted. */
export const ERASED_TEXT = '[erased]';

/** The parts of a scorecard that quote the candidate (all optional: stored copies may lack them). */
export interface QuotingScorecard {
  items?: Record<string, { evidence?: { text?: string }[] }>;
  redFlags?: { text?: string }[];
}

/**
 * The scorecard without anything quoting the candidate: evidence spans and red-flag quotes are
 * blanked; rules, points and totals stay so cohort statistics still add up.
 */
export function eraseScorecardText<C extends QuotingScorecard>(card: C): C {
  return {
    ...card,
    items: Object.fromEntries(
      Object.entries(card.items ?? {}).map(([id, item]) => [
        id,
        { ...item, evidence: (item.evidence ?? []).map((e) => ({ ...e, text: ERASED_TEXT })) },
      ]),
    ),
    redFlags: (card.redFlags ?? []).map((f) => ({ ...f, text: ERASED_TEXT })),
  };
}
