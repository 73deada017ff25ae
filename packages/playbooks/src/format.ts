// The playbook format: one role's assessment (items, keys, rubrics), its scoring policy
// (sections, weights, bands, hurdles, red flags) and its structured interview guide.
//
// A playbook is data. Authors write the *input* shape (defaults may be omitted); everything
// downstream — the scoring engine, the content hash, the services — works on the *parsed*
// shape (`Playbook`, defaults filled in). Changes to this file must stay backward compatible:
// add optional fields, never rename or tighten existing ones.
//
// Text matching throughout (concept terms, step terms, jargon, …) is case-insensitive,
// NFC-normalised and stemmed by the engine, so authors list plain phrases ("resubmit the
// claim", "deductible") rather than patterns. Phrases are matched as whole words.
import { z } from 'zod';

/** kebab-case identifier: playbooks, sections, items, criteria, steps, red flags. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)');
/** An option id inside one item: `a`, `b`, … (kebab-case allowed). */
export const OptionId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a short kebab-case id such as "a"');
/** `major.minor.patch`; a published version is immutable. */
export const SemVer = z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0');
/** Human-readable text (markdown allowed where shown to people). */
const Text = z.string().min(1);
/** A phrase matched against answers (whole words, case-insensitive, stemmed). */
const Phrase = z.string().min(1);

// ─── Scoring policy ──────────────────────────────────────────────────────────

export const BandName = z.enum(['strong', 'proceed', 'borderline', 'not-recommended']);

/** Lower bounds (inclusive, 0–100) of each band; below `borderline` is `not-recommended`. */
export const Bands = z.object({
  strong: z.number().min(0).max(100).default(80),
  proceed: z.number().min(0).max(100).default(65),
  borderline: z.number().min(0).max(100).default(50),
});

export const Section = z.object({
  /** Referenced by `item.section`; also the key of the scorecard's `sections` map. */
  id: Id,
  title: Text,
  description: Text.optional(),
  /** Share of the 100-point assessment score; all section weights sum to 100. */
  weight: z.number().min(0).max(100),
  /**
   * Optional minimum for this section's 0–100 score. Below it, the band is capped at
   * `capBand` whatever the total (e.g. brilliant writing cannot hide failed billing math).
   */
  hurdle: z
    .object({
      min: z.number().min(0).max(100),
      capBand: BandName.default('borderline'),
    })
    .optional(),
});

/** A red flag the playbook can raise. Red flags ride beside the score and never change it. */
export const RedFlagDefinition = z.object({
  id: Id,
  severity: z.enum(['low', 'medium', 'high']),
  /** Shown to reviewers: what the candidate did and why it matters. */
  message: Text,
});

// ─── Items ───────────────────────────────────────────────────────────────────

const itemBase = {
  /** Unique within the playbook; the key of `answers` in an answer sheet. */
  id: Id,
  /** A section id from `sections`. */
  section: Id,
  /** Short name for reports and reviewers. */
  title: Text,
  /** What the candidate reads: situation and question (markdown). */
  prompt: Text,
  /** For reviewers only, never shown to candidates: why the key is the key. */
  rationale: Text.optional(),
};

export const SjtOption = z.object({
  id: OptionId,
  text: Text,
  /** Expert effectiveness rating: 1 harmful, 2 poor, 3 acceptable, 4 best. */
  effectiveness: z.number().int().min(1).max(4),
  /** Red flag raised when the candidate picks this option as BEST (e.g. `ethics-upcoding`). */
  redFlagIfBest: Id.optional(),
});

/**
 * Situational judgment: the candidate picks the best AND the worst option.
 * Maximum 2 points (1 for the best pick, 1 for the worst pick) under either method:
 * - `plus-minus`: keyed best picked as best +1, keyed worst picked as worst +1, keyed best
 *   picked as worst −1, keyed worst picked as best −1; the item is floored at 0.
 * - `distance`: best pick earns (effectiveness − 1) / 3, worst pick earns (4 − effectiveness) / 3.
 */
export const SjtItem = z.object({
  ...itemBase,
  type: z.literal('sjt'),
  options: z.array(SjtOption).min(2, 'an SJT item needs at least two options'),
  key: z.object({ best: OptionId, worst: OptionId }),
  scoring: z.enum(['plus-minus', 'distance']).default('plus-minus'),
});

/** A number the candidate types; `$`, `,`, `%` and spaces are ignored ("$1,000.00" is 1000). */
export const NumberResponse = z.object({
  kind: z.literal('number'),
  key: z.number(),
  /** Absolute tolerance: |answer − key| ≤ tolerance is correct. */
  tolerance: z.number().min(0).default(0.01),
  /** Shown next to the input box; does not affect scoring. */
  unit: z.enum(['usd', 'percent', 'days', 'count']).optional(),
});

export const ChoiceOption = z.object({
  id: OptionId,
  text: Text,
  /** Red flag raised when this option is chosen (e.g. falsifying data: `ethics-falsify`). */
  redFlag: Id.optional(),
});

export const ChoiceResponse = z.object({
  kind: z.literal('choice'),
  options: z.array(ChoiceOption).min(2, 'a choice needs at least two options'),
  /** The correct option id. */
  key: OptionId,
});

/** Attention to detail: one deterministic answer, all-or-nothing `points`. */
export const DetailItem = z.object({
  ...itemBase,
  type: z.literal('detail'),
  /** Exhibit shown with the prompt (an invoice, a remittance line, a table), markdown. */
  exhibit: Text.optional(),
  response: z.discriminatedUnion('kind', [NumberResponse, ChoiceResponse]),
  points: z.number().positive().default(1),
});

/** A concept the answer should express: any one of its synonym phrases counts. */
export const Concept = z.object({
  id: Id,
  terms: z.array(Phrase).min(1),
});

/** Pattern families the engine detects as personal identifiers (see scoring lexicons). */
export const IdentifierPattern = z.enum([
  /** A capitalised full name within a few words of a date of birth. */
  'name-with-dob',
  /** "DOB 3/4/1980", "date of birth: …", "born 1980-03-04". */
  'dob',
  /** "MRN 123456", "medical record #…". */
  'mrn',
  /** "member ID ABC123", "subscriber id …", "policy #…". */
  'member-id',
  /** US social security numbers. */
  'ssn',
]);

/**
 * One measurable feature of a written answer. Each yields a number (its *measure*) that the
 * criterion's levels turn into points:
 * - `concepts`     how many of `concepts` are present (synonym sets, stemmed).
 * - `greeting`     0 none, 1 a greeting ("Dear", "Hello", "Hi", "Good morning"), 2 a greeting
 *                  followed by one of `names` (if `names` is empty, any greeting scores 2).
 * - `closing`      0/1: a closing ("Sincerely", "Kind regards", "Thank you", …) near the end.
 * - `politeness`   count of politeness markers (lexicon + `terms`).
 * - `blame`        count of blame/accusation phrases ("you should have", "your fault", + `terms`).
 * - `tone`         0 if any blame phrase, 1 if blame-free but no politeness marker, 2 if
 *                  blame-free and polite.
 * - `jargon`       count of jargon terms (lexicon + `terms`) used WITHOUT a plain gloss
 *                  ("EOB (explanation of benefits)", "EOB, which is …", "EOB – the statement …").
 * - `readability`  Flesch–Kincaid grade level.
 * - `length`       word count.
 * - `forbidden`    count of forbidden content: identifier patterns in `detect` plus `terms`;
 *                  raises `redFlag` when > 0.
 * - `leading`      count of leading phrases (lexicon + `terms`) steering toward a desired
 *                  answer, e.g. toward the higher-paying level; raises `redFlag` when > 0.
 * - `mechanics`    share (0–1) of sentences that start with a capital and end with punctuation.
 */
export const WrittenFeature = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('concepts'), concepts: z.array(Concept).min(1) }),
  z.object({ kind: z.literal('greeting'), names: z.array(Phrase).default([]) }),
  z.object({ kind: z.literal('closing') }),
  z.object({ kind: z.literal('politeness'), terms: z.array(Phrase).default([]) }),
  z.object({ kind: z.literal('blame'), terms: z.array(Phrase).default([]) }),
  z.object({
    kind: z.literal('tone'),
    politeness: z.array(Phrase).default([]),
    blame: z.array(Phrase).default([]),
  }),
  z.object({ kind: z.literal('jargon'), terms: z.array(Phrase).default([]) }),
  z.object({ kind: z.literal('readability') }),
  z.object({ kind: z.literal('length') }),
  z.object({
    kind: z.literal('forbidden'),
    detect: z.array(IdentifierPattern).default([]),
    terms: z.array(Phrase).default([]),
    redFlag: Id.optional(),
  }),
  z.object({
    kind: z.literal('leading'),
    terms: z.array(Phrase).default([]),
    redFlag: Id.optional(),
  }),
  z.object({ kind: z.literal('mechanics') }),
]);

/**
 * A level of a criterion: `points` are awarded when the feature's measure lies within
 * [`min`, `max`] (either bound optional, both inclusive). When several levels match, the
 * highest `points` wins; when none match, the criterion earns 0.
 */
export const CriterionLevel = z.object({
  points: z.number().min(0),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Reviewer-facing description of the level ("names the patient and the date"). */
  label: Text.optional(),
});

export const Criterion = z.object({
  /** Becomes the evidence `rule` in the scorecard. */
  id: Id,
  description: Text,
  feature: WrittenFeature,
  levels: z.array(CriterionLevel).min(1),
});

/** Free-text writing scored on criteria; its maximum is the sum of each criterion's best level. */
export const WrittenItem = z.object({
  ...itemBase,
  type: z.literal('written'),
  criteria: z.array(Criterion).min(1, 'a written item needs at least one criterion'),
});

export const ProcedureStep = z.object({
  /** Becomes the evidence rule `step:<id>`. */
  id: Id,
  description: Text,
  /**
   * Phrases any of which identify the step ("resubmit", "send the corrected claim again").
   * A match counts only in a clause that is not negated and describes an action (see docs/scoring.md).
   */
  terms: z.array(Phrase).min(1),
  /** Relative weight in coverage. */
  weight: z.number().positive().default(1),
  /** A missing critical step caps the item at `criticalCap` × points. */
  critical: z.boolean().default(false),
});

/**
 * An ordered checklist scored from free text: coverage (weighted share of steps present)
 * earns `(1 − order.share)` of the points, order earns `order.share` × coverage.
 */
export const ProcedureItem = z.object({
  ...itemBase,
  type: z.literal('procedure'),
  steps: z.array(ProcedureStep).min(1, 'a procedure needs at least one step'),
  order: z
    .object({
      /**
       * `lcs`: longest common subsequence of the matched steps' order vs the declared order.
       * `precedence`: share of `precedence` pairs [before, after] satisfied (among matched steps).
       */
      method: z.enum(['lcs', 'precedence']).default('lcs'),
      share: z.number().min(0).max(1).default(0.25),
      precedence: z.array(z.tuple([Id, Id])).default([]),
    })
    .default({ method: 'lcs', share: 0.25, precedence: [] }),
  /** Fraction of `points` an answer missing any critical step can reach at most. */
  criticalCap: z.number().min(0).max(1).default(0.5),
  points: z.number().positive().default(10),
});

export const Item = z.discriminatedUnion('type', [SjtItem, DetailItem, WrittenItem, ProcedureItem]);

// ─── Structured interview (not part of the 100-point assessment score) ───────

export const InterviewQuestion = z.object({
  id: Id,
  /** The competency the question probes ("integrity", "patient communication"). */
  competency: Text,
  question: Text,
  /** What a 1 (poor), 3 (adequate) and 5 (excellent) answer contains; 2 and 4 optional. */
  anchors: z.object({
    1: Text,
    2: Text.optional(),
    3: Text,
    4: Text.optional(),
    5: Text,
  }),
  probes: z.array(Text).default([]),
});

export const InterviewGuide = z.object({
  questions: z.array(InterviewQuestion).min(1),
});

/** How the assessment (0–100) and interview (0–100) combine into a hiring score; sums to 100. */
export const CombinedWeights = z.object({
  assessment: z.number().min(0).max(100).default(60),
  interview: z.number().min(0).max(100).default(40),
});

// ─── Playbook ────────────────────────────────────────────────────────────────

export const Playbook = z.object({
  id: Id,
  version: SemVer,
  title: Text,
  level: z.enum(['junior', 'mid', 'senior']),
  /** Job function ("finance", "operations", …), used for library filters. */
  function: Id,
  /** The role overview shown to hiring managers. */
  summary: Text,
  responsibilities: z.array(Text).default([]),
  skills: z.array(Text).default([]),
  certifications: z.array(Text).default([]),
  kpis: z.array(Text).default([]),
  timeLimitMinutes: z.number().int().positive(),
  sections: z.array(Section).min(1),
  bands: Bands.default({ strong: 80, proceed: 65, borderline: 50 }),
  redFlags: z.array(RedFlagDefinition).default([]),
  items: z.array(Item).min(1),
  interview: InterviewGuide.optional(),
  combined: CombinedWeights.default({ assessment: 60, interview: 40 }),
});

export type BandName = z.infer<typeof BandName>;
export type Bands = z.infer<typeof Bands>;
export type Section = z.infer<typeof Section>;
export type RedFlagDefinition = z.infer<typeof RedFlagDefinition>;
export type SjtOption = z.infer<typeof SjtOption>;
export type SjtItem = z.infer<typeof SjtItem>;
export type NumberResponse = z.infer<typeof NumberResponse>;
export type ChoiceOption = z.infer<typeof ChoiceOption>;
export type ChoiceResponse = z.infer<typeof ChoiceResponse>;
export type DetailItem = z.infer<typeof DetailItem>;
export type Concept = z.infer<typeof Concept>;
export type IdentifierPattern = z.infer<typeof IdentifierPattern>;
export type WrittenFeature = z.infer<typeof WrittenFeature>;
export type CriterionLevel = z.infer<typeof CriterionLevel>;
export type Criterion = z.infer<typeof Criterion>;
export type WrittenItem = z.infer<typeof WrittenItem>;
export type ProcedureStep = z.infer<typeof ProcedureStep>;
export type ProcedureItem = z.infer<typeof ProcedureItem>;
export type Item = z.infer<typeof Item>;
export type InterviewQuestion = z.infer<typeof InterviewQuestion>;
export type InterviewGuide = z.infer<typeof InterviewGuide>;
export type CombinedWeights = z.infer<typeof CombinedWeights>;
/** A parsed playbook (defaults filled in): what the engine, hash and services use. */
export type Playbook = z.infer<typeof Playbook>;
/** What authors write: defaults may be omitted. */
export type PlaybookInput = z.input<typeof Playbook>;
