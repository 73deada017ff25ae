// The scorecard: what `score` returns and `assay score` prints (CONTRACTS.md §1, plus extra fields).
import type { BandName } from './form';

/** Why points were awarded or withheld. */
export interface Evidence {
  /** Rule id: a criterion id, `step:<id>`, `best`, `order`, … */
  rule: string;
  met: boolean;
  /** Points this rule contributed (negative for a cap or floor adjustment). */
  points: number;
  /** The matched span of the answer, or a short reason when not met. */
  text: string;
  /** Most points the rule can give. */
  max?: number;
  /** The feature's measured value (word count, grade level, concepts found, …). */
  measure?: number;
  /** Extra explanation, e.g. why only part of the points were given. */
  note?: string;
}

export interface ItemResult {
  type: 'sjt' | 'detail' | 'written' | 'procedure';
  section: string;
  score: number;
  max: number;
  answered: boolean;
  evidence: Evidence[];
}

export interface SectionResult {
  /** 0–100. */
  score: number;
  weight: number;
  points: number;
  max: number;
  hurdle?: { min: number; met: boolean; capBand: BandName };
}

export interface RaisedRedFlag {
  id: string;
  item: string;
  severity: 'low' | 'medium' | 'high';
  message: string;
  /** What in the answer raised it. */
  text: string;
}

export interface Scorecard {
  playbook: { id: string; version: string; hash: string };
  engine: string;
  lexicon: string;
  /** 0–100, one decimal. */
  total: number;
  band: BandName;
  /** The band from the total alone, before hurdles capped it. */
  bandBeforeHurdles: BandName;
  sections: Record<string, SectionResult>;
  items: Record<string, ItemResult>;
  redFlags: RaisedRedFlag[];
}
