// Structured interview: interviewers rate each question 1–5 against its anchors and must write
// the evidence (notes) behind every rating. Kept apart from the 100-point assessment score.
import { round } from './round';

export interface InterviewGuideForm {
  questions: { id: string; competency: string }[];
}

export interface InterviewRating {
  rating: number;
  /** What the candidate said or did that justifies the rating. */
  notes: string;
}

export interface InterviewResult {
  /** 0–100: mean of (rating − 1) / 4 over rated questions. */
  score: number;
  rated: number;
  /** Question ids with no rating (they do not count toward the score). */
  unrated: string[];
  questions: Record<string, { competency: string; rating: number; notes: string }>;
}

export type InterviewScoring =
  | { ok: true; result: InterviewResult }
  | { ok: false; problems: { question?: string; message: string }[] };

const MIN_RATING = 1;
const MAX_RATING = 5;

export function scoreInterview(
  guide: InterviewGuideForm,
  ratings: Record<string, InterviewRating>,
): InterviewScoring {
  const known = new Set(guide.questions.map((q) => q.id));
  const problems: { question?: string; message: string }[] = [];
  for (const [id, entry] of Object.entries(ratings)) {
    if (!known.has(id)) {
      problems.push({ question: id, message: 'unknown question id' });
      continue;
    }
    if (!Number.isInteger(entry.rating) || entry.rating < MIN_RATING || entry.rating > MAX_RATING) {
      problems.push({
        question: id,
        message: `rating must be an integer ${MIN_RATING}–${MAX_RATING}, got ${entry.rating}`,
      });
    }
    if (typeof entry.notes !== 'string' || entry.notes.trim() === '') {
      problems.push({ question: id, message: 'evidence notes are required for every rating' });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const questions: InterviewResult['questions'] = {};
  const unrated: string[] = [];
  let sum = 0;
  for (const question of guide.questions) {
    const entry = ratings[question.id];
    if (entry === undefined) {
      unrated.push(question.id);
      continue;
    }
    questions[question.id] = {
      competency: question.competency,
      rating: entry.rating,
      notes: entry.notes.trim(),
    };
    sum += (entry.rating - MIN_RATING) / (MAX_RATING - MIN_RATING);
  }
  const rated = guide.questions.length - unrated.length;
  return {
    ok: true,
    result: { score: rated === 0 ? 0 : round((100 * sum) / rated, 1), rated, unrated, questions },
  };
}

/** Weighted hiring score from the assessment and interview scores (weights sum to 100). */
export function combineScores(
  assessment: number,
  interview: number,
  weights: { assessment: number; interview: number },
): number {
  return round((assessment * weights.assessment + interview * weights.interview) / 100, 1);
}
