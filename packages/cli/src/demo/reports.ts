// The reporting API as the demo reads it: the cohort report (JSON, CSV), a candidate's printable
// report (HTML) and the audit chain check. Shapes follow docs/results.md.
import { ApiError } from '../sim/assay-api';

export interface CohortReport {
  assessmentId: string;
  candidates: number;
  warning: string | null;
  ranking: { rank: number; sessionId: string; total: number; band: string; percentile: number }[];
  histogram: { from: number; to: number; count: number }[];
  bands: Record<string, number>;
  sections: Record<string, { mean: number }>;
  items: {
    itemId: string;
    type: string;
    n: number;
    difficulty: number;
    correctedItemTotal: number | null;
  }[];
  reliability: { alpha: number | null; sem: number | null; itemsInAlpha: number };
}

export interface AuditCheck {
  ok: boolean;
  entries: number;
  firstBroken: { seq: number; reason: string } | null;
}

/** GET with an Accept header; the body as text, or undefined on a 404 (not there yet). */
export async function getText(
  baseUrl: string,
  apiKey: string,
  path: string,
  accept: string,
): Promise<{ text: string; contentType: string } | undefined> {
  const res = await fetch(new URL(path, baseUrl), {
    headers: { authorization: `Bearer ${apiKey}`, accept },
  });
  const text = await res.text();
  if (res.status === 404) return undefined;
  if (!res.ok) {
    let problem: unknown = text;
    try {
      problem = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    throw new ApiError(res.status, `GET ${path}`, problem);
  }
  return { text, contentType: res.headers.get('content-type') ?? '' };
}
