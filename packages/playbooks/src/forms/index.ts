// Assessment forms: seeded draws from item pools, and the candidate's key-free view of them.
export { drawForm, FormDrawError, type DrawOptions, type DrawnForm } from './draw';
export {
  candidateView,
  type CandidateForm,
  type CandidateItem,
  type CandidateOption,
  type CandidateSection,
} from './candidate';
