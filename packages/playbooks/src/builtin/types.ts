// Authoring types for built-in playbooks: the *input* shape of the format (defaults may be
// omitted), narrowed per item type so each content module is checked on its own.
import type { PlaybookInput } from '../format';

export type ItemInput = PlaybookInput['items'][number];
export type SjtItemInput = Extract<ItemInput, { type: 'sjt' }>;
export type DetailItemInput = Extract<ItemInput, { type: 'detail' }>;
export type WrittenItemInput = Extract<ItemInput, { type: 'written' }>;
export type ProcedureItemInput = Extract<ItemInput, { type: 'procedure' }>;
export type CriterionInput = WrittenItemInput['criteria'][number];
export type InterviewGuideInput = NonNullable<PlaybookInput['interview']>;
