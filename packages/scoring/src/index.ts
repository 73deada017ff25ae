// @assay/scoring — the deterministic scoring engine: pure functions, no I/O, no clock, no randomness.
export { score, bandFor } from './score';
export { validateAnswers } from './answers';
export { ERASED_TEXT, eraseScorecardText, type QuotingScorecard } from './erasure';
export type {
  Answer,
  Answers,
  AnswerProblem,
  AnswersValidation,
  ChoiceAnswer,
  NumberAnswer,
  SjtAnswer,
  TextAnswer,
} from './answers';
export { scoreInterview, combineScores } from './interview';
export type {
  InterviewGuideForm,
  InterviewRating,
  InterviewResult,
  InterviewScoring,
} from './interview';
export { canonicalJson, contentHash } from './hash';
export { compileForm } from './compile';
export { ENGINE_VERSION } from './version';
export * as lexicons from './lexicons';
export { LEXICON_VERSION } from './lexicons';
export { parseAmount } from './items/detail';
export type * from './form';
export type * from './scorecard';
