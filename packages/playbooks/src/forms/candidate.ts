// What a candidate may see of a drawn form. Built by copying allowed fields (never by deleting
// secret ones), so a field added to the format later stays hidden until it is added here.
import type { Item } from '../format';
import type { DrawnForm } from './draw';

export interface CandidateSection {
  id: string;
  title: string;
  description?: string;
}

export interface CandidateOption {
  id: string;
  text: string;
}

interface CandidateItemBase {
  id: string;
  section: string;
  prompt: string;
  /** How to answer, in plain words. */
  instructions: string;
}

export type CandidateItem =
  | (CandidateItemBase & { type: 'sjt'; options: CandidateOption[] })
  | (CandidateItemBase & {
      type: 'detail';
      exhibit?: string;
      response: { kind: 'number'; unit?: string } | { kind: 'choice'; options: CandidateOption[] };
    })
  | (CandidateItemBase & { type: 'written' })
  | (CandidateItemBase & { type: 'procedure' });

export interface CandidateForm {
  playbookId: string;
  version: string;
  title: string;
  timeLimitMinutes: number;
  sections: CandidateSection[];
  items: CandidateItem[];
}

const INSTRUCTIONS = {
  sjt: 'Choose the most effective response (best) and the least effective response (worst).',
  number: 'Enter a number.',
  choice: 'Choose one option.',
  written: 'Write your answer.',
  procedure: 'Describe, in order, the steps you would take.',
} as const;

/** The form without keys, rationales, rubrics, effectiveness ratings, red flags or scoring. */
export function candidateView(form: DrawnForm): CandidateForm {
  const { playbook } = form;
  const used = new Set(playbook.items.map((item) => item.section));
  return {
    playbookId: playbook.id,
    version: playbook.version,
    title: playbook.title,
    timeLimitMinutes: playbook.timeLimitMinutes,
    sections: playbook.sections
      .filter((s) => used.has(s.id))
      .map((s) => ({
        id: s.id,
        title: s.title,
        ...(s.description === undefined ? {} : { description: s.description }),
      })),
    items: playbook.items.map(candidateItem),
  };
}

const options = (list: { id: string; text: string }[]): CandidateOption[] =>
  list.map((o) => ({ id: o.id, text: o.text }));

function candidateItem(item: Item): CandidateItem {
  const base = { id: item.id, section: item.section, prompt: item.prompt };
  switch (item.type) {
    case 'sjt':
      return {
        ...base,
        type: 'sjt',
        instructions: INSTRUCTIONS.sjt,
        options: options(item.options),
      };
    case 'detail': {
      const exhibit = item.exhibit === undefined ? {} : { exhibit: item.exhibit };
      if (item.response.kind === 'number') {
        const unit = item.response.unit === undefined ? {} : { unit: item.response.unit };
        return {
          ...base,
          type: 'detail',
          instructions: INSTRUCTIONS.number,
          ...exhibit,
          response: { kind: 'number', ...unit },
        };
      }
      return {
        ...base,
        type: 'detail',
        instructions: INSTRUCTIONS.choice,
        ...exhibit,
        response: { kind: 'choice', options: options(item.response.options) },
      };
    }
    case 'written':
      return { ...base, type: 'written', instructions: INSTRUCTIONS.written };
    case 'procedure':
      return { ...base, type: 'procedure', instructions: INSTRUCTIONS.procedure };
  }
}
