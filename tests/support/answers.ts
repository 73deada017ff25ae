import { expect } from 'vitest';
import type { apiClient } from './api-client';

/** A form item as the candidate's take shows it (only what answering needs). */
export interface TakeItem {
  id: string;
  type: string;
  options?: { id: string }[];
  response?: { options?: { id: string }[] };
}

/** A valid answer of the item's shape: first options, a fixed amount, or `writtenText`. */
export function answerFor(item: TakeItem, writtenText: string): Record<string, unknown> {
  if (item.type === 'sjt') return { best: item.options![0]!.id, worst: item.options![1]!.id };
  if (item.type === 'detail')
    return item.response?.options ? { choice: item.response.options[0]!.id } : { value: '350' };
  return { text: writtenText };
}

/** Saves an answer to every item, one `PUT` each, each expected to be accepted. */
export async function answerEveryItem(
  candidate: ReturnType<typeof apiClient>,
  sessionId: string,
  items: readonly TakeItem[],
  writtenText: string,
): Promise<void> {
  let seq = 0;
  for (const item of items) {
    const saved = await candidate.request('PUT', `/v1/sessions/${sessionId}/answers/${item.id}`, {
      seq: ++seq,
      answer: answerFor(item, writtenText),
    });
    expect(saved.status, saved.text).toBe(200);
  }
}
