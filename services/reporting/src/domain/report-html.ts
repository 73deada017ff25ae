import { escapeHtml } from '@assay/platform';
import type { SessionReport } from './session-report';

const BAND_COLOURS: Record<string, string> = {
  strong: '#1b7f3b',
  proceed: '#2f6db5',
  borderline: '#b7791f',
  'not-recommended': '#b42318',
};

/** Horizontal bars, 0–100, one per row; drawn inline so the page needs nothing else to print. */
function barChart(title: string, rows: { label: string; value: number }[]): string {
  const rowHeight = 26;
  const height = rows.length * rowHeight + 8;
  const bars = rows
    .map((r, i) => {
      const y = i * rowHeight + 4;
      const width = Math.max(0, Math.min(100, r.value)) * 3;
      return `<text x="0" y="${y + 16}" class="lbl">${escapeHtml(r.label)}</text><rect x="150" y="${y + 3}" width="300" height="16" class="track"/><rect x="150" y="${y + 3}" width="${width}" height="16" class="bar"/><text x="${158 + width}" y="${y + 16}" class="val">${escapeHtml(r.value)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 520 ${height}" width="520" height="${height}"><title>${escapeHtml(title)}</title>${bars}</svg>`;
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d7dbe2;padding-bottom:.25rem}
.muted{color:#5b6474}.band{display:inline-block;padding:.15rem .6rem;border-radius:1rem;color:#fff;font-weight:600}
.total{font-size:2.5rem;font-weight:700;margin-right:.75rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e6e9ee;vertical-align:top}
th{font-weight:600;background:#f5f6f8}.num{text-align:right;font-variant-numeric:tabular-nums}
.item{break-inside:avoid;margin:1rem 0}.flag{color:#b42318;font-weight:600}
svg .lbl{font-size:12px;fill:#1d2330}svg .val{font-size:12px;fill:#1d2330}svg .track{fill:#eef0f4}svg .bar{fill:#2f6db5}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}.item,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

/** The candidate report as one self-contained page (no scripts, no external resources). */
export function reportHtml(report: SessionReport): string {
  const band = report.band ?? 'awaiting score';
  const sections = Object.entries(report.sections);
  const parts: string[] = [];
  parts.push(`<header><h1>Assessment report</h1>
<p class="muted">Session ${escapeHtml(report.sessionId)} · assessment ${escapeHtml(report.assessmentId)}${report.playbook ? ` · ${escapeHtml(report.playbook.id)}@${escapeHtml(report.playbook.version)}` : ''}${report.revision !== null ? ` · revision ${report.revision}` : ''}</p>
<p><span class="total" data-testid="total">${report.total ?? '—'}</span><span class="band" style="background:${BAND_COLOURS[band] ?? '#5b6474'}" data-testid="band">${escapeHtml(band)}</span></p></header>`);
  if (sections.length > 0) {
    parts.push(`<section><h2>Sections</h2>${barChart(
      'Section scores out of 100',
      sections.map(([id, s]) => ({ label: `${id} (${s.weight}%)`, value: s.score })),
    )}
<table><thead><tr><th>Section</th><th class="num">Score</th><th class="num">Weight</th><th>Hurdle</th></tr></thead><tbody>${sections
      .map(
        ([id, s]) =>
          `<tr><td>${escapeHtml(id)}</td><td class="num">${s.score}</td><td class="num">${s.weight}</td><td>${s.hurdle ? `${s.hurdle.met ? 'met' : 'not met'} (min ${s.hurdle.min})` : '—'}</td></tr>`,
      )
      .join('')}</tbody></table></section>`);
  }
  parts.push(
    `<section><h2>Red flags</h2>${
      report.redFlags.length === 0
        ? '<p>None raised.</p>'
        : `<ul>${report.redFlags.map((f) => `<li class="flag">${escapeHtml(f.severity)}: ${escapeHtml(f.message)} <span class="muted">(${escapeHtml(f.item)}: “${escapeHtml(f.text)}”)</span></li>`).join('')}</ul>`
    }</section>`,
  );
  if (report.submission) {
    const s = report.submission;
    parts.push(`<section><h2>Integrity signals</h2><p class="muted">Advisory only; never part of the score.</p>
<table><tbody><tr><th>Ended</th><td>${escapeHtml(s.reason)} at ${escapeHtml(s.submittedAt)}</td></tr><tr><th>Focus lost</th><td class="num">${s.signals.focusLost}</td></tr><tr><th>Pastes</th><td class="num">${s.signals.pastes} (${s.signals.pastedChars} characters)</td></tr></tbody></table></section>`);
  }
  if (report.items.length > 0) {
    parts.push(
      `<section><h2>Items and evidence</h2>${report.items
        .map(
          (
            item,
          ) => `<div class="item"><h3>${escapeHtml(item.id)} <span class="muted">${escapeHtml(item.type)} · ${escapeHtml(item.section)} · ${item.score} / ${item.max}${item.answered ? '' : ' · unanswered'}</span></h3>
<table><thead><tr><th>Rule</th><th>Met</th><th class="num">Points</th><th>Evidence</th></tr></thead><tbody>${item.evidence
            .map(
              (e) =>
                `<tr><td>${escapeHtml(e.rule)}</td><td>${e.met ? 'yes' : 'no'}</td><td class="num">${e.points}</td><td>${escapeHtml(e.text)}${e.note ? ` <span class="muted">${escapeHtml(e.note)}</span>` : ''}</td></tr>`,
            )
            .join('')}</tbody></table></div>`,
        )
        .join('')}</section>`,
    );
  }
  if (report.interview) {
    const iv = report.interview;
    parts.push(`<section><h2>Structured interview</h2>
<p>Interview score <strong>${iv.score}</strong> from ${iv.interviewers.length} interviewer(s)${iv.disagreement ? ' · <span class="flag">interviewers disagree</span>' : ''}; combined hiring score <strong data-testid="combined">${iv.combined.score ?? '—'}</strong> (assessment ${iv.combined.weights.assessment}% · interview ${iv.combined.weights.interview}%).</p>
${barChart(
  'Mean rating per question, scaled to 100',
  Object.entries(iv.questions).map(([id, q]) => ({ label: id, value: ((q.mean - 1) / 4) * 100 })),
)}
<table><thead><tr><th>Question</th><th class="num">Mean</th><th class="num">Range</th><th>Evidence</th></tr></thead><tbody>${Object.entries(
      iv.questions,
    )
      .map(
        ([id, q]) =>
          `<tr><td>${escapeHtml(id)}</td><td class="num">${q.mean}</td><td class="num">${q.min}–${q.max}${q.disagreement ? ' <span class="flag">!</span>' : ''}</td><td>${q.notes.map(escapeHtml).join('<br>')}</td></tr>`,
      )
      .join('')}</tbody></table></section>`);
  }
  parts.push(
    `<section><h2>Review history</h2><table><thead><tr><th>Revision</th><th>What</th><th>When</th><th class="num">Total</th><th>Band</th></tr></thead><tbody>${report.reviews
      .map(
        (r) =>
          `<tr><td class="num">${r.revision}</td><td>${
            r.review
              ? `${escapeHtml(r.review.itemId)}: ${r.review.from} → ${r.review.to} by ${escapeHtml(r.review.reviewer)} — ${escapeHtml(r.review.reason)}`
              : r.rescore
                ? `re-scored ${escapeHtml(r.rescore.fromVersion)} → ${escapeHtml(r.rescore.toVersion)}`
                : 'scored'
          }</td><td>${escapeHtml(r.at)}</td><td class="num">${r.total}</td><td>${escapeHtml(r.band)}</td></tr>`,
      )
      .join('')}</tbody></table></section>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Assessment report ${escapeHtml(report.sessionId)}</title><style>${CSS}</style></head><body>${parts.join('\n')}</body></html>`;
}
