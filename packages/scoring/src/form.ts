// The part of a playbook the engine reads. The authoritative format (zod schemas, docs, defaults)
// is @assay/playbooks' `Playbook`; it depends on this package, so the engine declares the shape it
// needs structurally and @assay/playbooks checks at compile time that `Playbook` satisfies `Form`.
// All defaults are already applied: the engine never guesses a missing value.

export type BandName = 'strong' | 'proceed' | 'borderline' | 'not-recommended';

export interface FormSection {
  id: string;
  weight: number;
  hurdle?: { min: number; capBand: BandName };
}

export interface FormRedFlag {
  id: string;
  severity: 'low' | 'medium' | 'high';
  message: string;
}

interface FormItemBase {
  id: string;
  section: string;
}

export interface SjtForm extends FormItemBase {
  type: 'sjt';
  options: { id: string; effectiveness: number; redFlagIfBest?: string }[];
  key: { best: string; worst: string };
  scoring: 'plus-minus' | 'distance';
}

export interface DetailForm extends FormItemBase {
  type: 'detail';
  response:
    | { kind: 'number'; key: number; tolerance: number }
    | { kind: 'choice'; options: { id: string; redFlag?: string }[]; key: string };
  points: number;
}

export type IdentifierPattern = 'name-with-dob' | 'dob' | 'mrn' | 'member-id' | 'ssn';

export type WrittenFeatureForm =
  | { kind: 'concepts'; concepts: { id: string; terms: string[] }[] }
  | { kind: 'greeting'; names: string[] }
  | { kind: 'closing' }
  | { kind: 'politeness'; terms: string[] }
  | { kind: 'blame'; terms: string[] }
  | { kind: 'tone'; politeness: string[]; blame: string[] }
  | { kind: 'jargon'; terms: string[] }
  | { kind: 'readability' }
  | { kind: 'length' }
  | { kind: 'forbidden'; detect: IdentifierPattern[]; terms: string[]; redFlag?: string }
  | { kind: 'leading'; terms: string[]; redFlag?: string }
  | { kind: 'mechanics' };

export interface CriterionForm {
  id: string;
  feature: WrittenFeatureForm;
  levels: { points: number; min?: number; max?: number }[];
}

export interface WrittenForm extends FormItemBase {
  type: 'written';
  criteria: CriterionForm[];
}

export interface StepForm {
  id: string;
  terms: string[];
  weight: number;
  critical: boolean;
}

export interface ProcedureForm extends FormItemBase {
  type: 'procedure';
  steps: StepForm[];
  order: { method: 'lcs' | 'precedence'; share: number; precedence: [string, string][] };
  criticalCap: number;
  points: number;
}

export type ItemForm = SjtForm | DetailForm | WrittenForm | ProcedureForm;

export interface Form {
  id: string;
  version: string;
  sections: FormSection[];
  bands: { strong: number; proceed: number; borderline: number };
  redFlags: FormRedFlag[];
  items: ItemForm[];
}
