// A simulated candidate taking an assessment over HTTP exactly as the candidate page does:
// read the take page, start (or resume), autosave each answer with an increasing sequence number,
// then submit. Answers come from the playbook's own keys and terms at a chosen quality.
import type { Item, Playbook } from '@assay/playbooks';
import type { Answer } from '@assay/scoring';
import { call } from './assay-api';
import { generateAnswer, type Quality } from './synthetic-answers';

export interface TakeOptions {
  baseUrl: string;
  token: string;
  /** The playbook the assessment pins (the simulator answers from its keys and terms). */
  playbook: Playbook;
  quality: Quality;
  random: () => number;
  /** Waits between saves (the page autosaves as the candidate works); none by default. */
  pause?: () => Promise<void>;
  /** Saves per item beyond the final one (drafts a typing candidate's page would autosave). */
  drafts?: number;
  /** Called with each save's round-trip time in milliseconds and what the server acknowledged. */
  onSave?: (ms: number, save: AcknowledgedSave) => void;
  /** Called once the session exists (started or resumed), before the first save. */
  onStarted?: (sessionId: string) => void;
  /** Checked before each save: once true, no further saves (a time-boxed candidate stops typing). */
  stop?: () => boolean;
  /** Leave the session unsubmitted (the load generator's crash tests submit later). */
  submit?: boolean;
}

export interface TakeResult {
  sessionId: string;
  /** What the server acknowledged last for each item: the answer and its sequence number. */
  saved: Map<string, { seq: number; answer: Answer }>;
  submittedAt?: string;
}

export interface AcknowledgedSave {
  itemId: string;
  seq: number;
  answer: Answer;
  /** False when the server already held this or a newer sequence number. */
  applied: boolean;
}

type FormItem = { id: string };

/** A draft of an answer: a text cut short, or (for choices) the same answer. */
function draftOf(answer: Answer, fraction: number): Answer {
  if (!('text' in answer)) return answer;
  return { text: answer.text.slice(0, Math.max(1, Math.floor(answer.text.length * fraction))) };
}

export async function takeAssessment(options: TakeOptions): Promise<TakeResult> {
  const { baseUrl, token } = options;
  const started = await call(baseUrl, token, 'POST', `/v1/take/${token}/start`);
  const session = started.body as { id: string; form: { items: FormItem[] } };
  const byId = new Map<string, Item>(options.playbook.items.map((i) => [i.id, i]));
  const saved = new Map<string, { seq: number; answer: Answer }>();
  options.onStarted?.(session.id);
  items: for (const formItem of session.form.items) {
    const item = byId.get(formItem.id);
    if (!item) throw new Error(`item ${formItem.id} is not in playbook ${options.playbook.id}`);
    const answer = generateAnswer(item, options.quality, options.random);
    if (answer === undefined) continue;
    const drafts = options.drafts ?? 0;
    for (let seq = 1; seq <= drafts + 1; seq++) {
      await options.pause?.();
      if (options.stop?.()) break items;
      const body = seq <= drafts ? draftOf(answer, seq / (drafts + 1)) : answer;
      const res = await call(
        baseUrl,
        token,
        'PUT',
        `/v1/sessions/${session.id}/answers/${encodeURIComponent(item.id)}`,
        { seq, answer: body },
      );
      const ack = res.body as { seq: number; applied: boolean };
      options.onSave?.(res.ms, {
        itemId: item.id,
        seq: ack.seq,
        answer: body,
        applied: ack.applied,
      });
      saved.set(item.id, { seq, answer: body });
    }
  }
  if (options.submit === false) return { sessionId: session.id, saved };
  const submitted = await call(baseUrl, token, 'POST', `/v1/sessions/${session.id}/submit`);
  return {
    sessionId: session.id,
    saved,
    submittedAt: (submitted.body as { submittedAt: string }).submittedAt,
  };
}
