import { escapeHtml } from '@assay/platform';
// The cohort page the demo writes: the reporting API's cohort report (ranking, bands, histogram,
// section means, item analytics) joined with the tenant's own roster. Assay's reports carry
// session ids only, never names; putting names beside them is the tenant's side of the join, as
// an ATS would do. One self-contained page: no scripts, no external resources, prints cleanly.
import type { DemoCandidate } from './roster';
import type { CohortReport } from './reports';

export const BAND_ORDER = ['strong', 'proceed', 'borderline', 'not-recommended'];
const BAND_COLOURS: Record<string, string> = {
  strong: '#1b7f3b',
  proceed: '#2f6db5',
  borderline: '#b7791f',
  'not-recommended': '#b42318',
};
const QUALITY_LABELS: Record<string, string> = {
  strong: 'strong',
  average: 'average',
  weak: 'weak',
  stuffed: 'keyword stuffer',
};

function histogramSvg(bins: CohortReport['histogram']): string {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const barWidth = 44;
  const height = 160;
  const bars = bins
    .map((b, i) => {
      const h = Math.round((b.count / max) * (height - 40));
      const x = i * (barWidth + 6);
      return `<rect x="${x}" y="${height - 20 - h}" width="${barWidth}" height="${h}" class="bar"/><text x="${x + barWidth / 2}" y="${height - 24 - h}" class="val">${b.count || ''}</text><text x="${x + barWidth / 2}" y="${height - 5}" class="lbl">${b.from}–${b.to}</text>`;
    })
    .join('');
  const width = bins.length * (barWidth + 6);
  return `<svg role="img" aria-label="Totals histogram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>Candidates per 10 points of total</title>${bars}</svg>`;
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;max-width:64rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d7dbe2;padding-bottom:.25rem}
.muted{color:#5b6474}.band{display:inline-block;padding:.1rem .55rem;border-radius:1rem;color:#fff;font-weight:600;font-size:.85rem;white-space:nowrap}.id{font-size:.8rem}
.warn{background:#fff7e6;border:1px solid #f0c36d;padding:.5rem .75rem;border-radius:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e6e9ee}
th{font-weight:600;background:#f5f6f8}.num{text-align:right;font-variant-numeric:tabular-nums}
.counts{display:flex;gap:1rem;flex-wrap:wrap}.counts div{padding:.5rem .9rem;border:1px solid #e6e9ee;border-radius:.4rem}.counts strong{font-size:1.4rem;display:block}
svg .lbl{font-size:11px;fill:#5b6474;text-anchor:middle}svg .val{font-size:12px;fill:#1d2330;text-anchor:middle}svg .bar{fill:#2f6db5}
@media print{body{margin:0;max-width:none;font-size:10pt}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

export interface CohortPageInput {
  report: CohortReport;
  roster: Map<string, DemoCandidate>;
  playbook: { id: string; version: string };
  /** The candidate report written beside this page, linked from its row. */
  sessionReportFiles: Map<string, string>;
}

export function cohortHtml({
  report,
  roster,
  playbook,
  sessionReportFiles,
}: CohortPageInput): string {
  const band = (b: string) =>
    `<span class="band" style="background:${BAND_COLOURS[b] ?? '#5b6474'}">${escapeHtml(b)}</span>`;
  const bands = [
    ...BAND_ORDER.filter((b) => b in report.bands),
    ...Object.keys(report.bands).filter((b) => !BAND_ORDER.includes(b)),
  ];
  const rows = report.ranking
    .map((r) => {
      const who = roster.get(r.sessionId);
      const file = sessionReportFiles.get(r.sessionId);
      const session = file
        ? `<a href="${escapeHtml(file)}">${escapeHtml(r.sessionId)}</a>`
        : escapeHtml(r.sessionId);
      return `<tr><td class="num">${r.rank}</td><td>${escapeHtml(who?.name ?? '—')}<br><span class="muted">${escapeHtml(who?.email ?? '')}</span></td><td class="num">${r.total}</td><td>${band(r.band)}</td><td class="num">${r.percentile}</td><td class="muted">${escapeHtml(who ? QUALITY_LABELS[who.quality] : '—')}</td><td class="muted id">${session}</td></tr>`;
    })
    .join('');
  const items = report.items
    .map(
      (i) =>
        `<tr><td>${escapeHtml(i.itemId)}</td><td>${escapeHtml(i.type)}</td><td class="num">${i.n}</td><td class="num">${i.difficulty}</td><td class="num">${i.correctedItemTotal ?? '—'}</td></tr>`,
    )
    .join('');
  const { alpha, sem, itemsInAlpha } = report.reliability;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Cohort report ${escapeHtml(report.assessmentId)}</title><style>${CSS}</style></head><body>
<header><h1>Cohort report</h1>
<p class="muted">Assessment ${escapeHtml(report.assessmentId)} · ${escapeHtml(playbook.id)}@${escapeHtml(playbook.version)} · ${report.candidates} scored candidates</p>
${report.warning ? `<p class="warn">${escapeHtml(report.warning)}</p>` : ''}</header>
<section><h2>Bands</h2><div class="counts">${bands.map((b) => `<div><strong>${report.bands[b]}</strong>${band(b)}</div>`).join('')}</div></section>
<section><h2>Totals</h2>${histogramSvg(report.histogram)}</section>
<section><h2>Ranking</h2><p class="muted">Names and e-mails come from the tenant's own invitations (Assay's reports carry session ids only). “Simulated as” is the answer quality the demo gave each synthetic candidate.</p>
<table><thead><tr><th class="num">Rank</th><th>Candidate</th><th class="num">Total</th><th>Band</th><th class="num">Percentile</th><th>Simulated as</th><th>Session</th></tr></thead><tbody>${rows}</tbody></table></section>
<section><h2>Sections</h2><table><thead><tr><th>Section</th><th class="num">Mean score</th></tr></thead><tbody>${Object.entries(
    report.sections,
  )
    .map(([id, s]) => `<tr><td>${escapeHtml(id)}</td><td class="num">${s.mean}</td></tr>`)
    .join('')}</tbody></table></section>
<section><h2>Items</h2><p class="muted">Difficulty is the mean share of the item's points; corrected item–total correlation compares each item with the rest of the test. Reliability: Cronbach's α ${alpha ?? '—'} over ${itemsInAlpha} items, SEM ${sem ?? '—'}.</p>
<table><thead><tr><th>Item</th><th>Type</th><th class="num">n</th><th class="num">Difficulty</th><th class="num">Item–total</th></tr></thead><tbody>${items}</tbody></table></section>
</body></html>`;
}
