import {
  FormDrawError,
  candidateView,
  drawForm,
  type DrawOptions,
  type Playbook,
} from '@assay/playbooks';
import { HttpProblem } from '@assay/platform';

/** A drawn form as the tenant API returns it: the seed to record, and only what candidates see. */
export function drawCandidateForm(playbook: Playbook, options: DrawOptions) {
  try {
    const form = drawForm(playbook, options);
    return {
      seed: form.seed,
      sampling: form.sampling,
      itemIds: form.itemIds,
      form: candidateView(form),
    };
  } catch (err) {
    if (!(err instanceof FormDrawError)) throw err;
    throw new HttpProblem(
      422,
      'validation',
      'Invalid request',
      `The form cannot be drawn: ${err.message}`,
      err.errors.map((e) => ({ pointer: `body${e.path}`, message: e.message })),
    );
  }
}
