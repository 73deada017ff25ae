import { pathToFileURL } from 'node:url';
import type { RoundResult } from './hiring-round';

const QUALITY_LABELS: Record<string, string> = { stuffed: 'keyword stuffer' };

/** The closing block: counts, bands, the top three and the files to open. */
export function summaryLines(r: RoundResult, elapsedMs: number): string[] {
  const w = r.webhooks;
  const url = (path: string) => pathToFileURL(path).href;
  return [
    '',
    `Hiring round complete in ${(elapsedMs / 1000).toFixed(1)} s`,
    `  Playbook     ${r.playbook.id}@${r.playbook.version}, assessment ${r.assessmentId}`,
    `  Candidates   ${r.invited} invited, ${r.submitted} submitted, ${r.scored} scored`,
    `  Webhooks     ${w.verified} score.computed received and verified (${w.received} requests, ${w.rejected} rejected, ${w.duplicates} duplicates)`,
    `  Bands        ${r.bands.map(([band, n]) => `${band} ${n}`).join(' · ')}`,
    `  Top 3        ${r.top
      .map(
        (t) =>
          `${t.rank}. ${t.name} ${t.total} (${t.band}; simulated ${QUALITY_LABELS[t.quality] ?? t.quality})`,
      )
      .join('\n               ')}`,
    `  Audit chain  verified, ${r.audit.entries} entries`,
    '',
    'Open:',
    `  Cohort report      ${url(r.files.cohortHtml)}`,
    `  Top candidate      ${url(r.files.sessionHtml)}`,
    `  Ranking (CSV)      ${url(r.files.cohortCsv)}`,
    `  Cohort (JSON)      ${url(r.files.cohortJson)}`,
  ];
}
