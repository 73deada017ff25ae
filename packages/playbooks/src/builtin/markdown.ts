// Renders a playbook as a Markdown guide for hiring managers: what each section and item
// measures, the keys with their rationales, and the interview guide. docs/content/*.md are
// generated with it (and a test keeps them in sync), so the guide never drifts from the data.
import type {
  Criterion,
  DetailItem,
  Item,
  Playbook,
  ProcedureItem,
  SjtItem,
  WrittenItem,
} from '../format';

const RATING = ['', 'harmful', 'poor', 'acceptable', 'best'] as const;
const TYPE_NOTE: Record<Item['type'], string> = {
  sjt: 'For each situation the candidate picks the most and the least effective response. Each pick that matches the experts earns a point; picking the keyed best as worst, or the keyed worst as best, costs one.',
  detail:
    'One correct answer per question, all or nothing. Numbers may be typed with `$`, commas, `%` or spaces.',
  written:
    'Free text scored on the criteria listed under each item. The points of every criterion are shown with what earns them.',
  procedure:
    'Free text describing the steps. Covering the steps earns most of the points, putting them in the expected order earns the rest. A step that is mentioned but negated ("I would not resubmit") earns nothing, and a bare list of keywords with no actions does not count as steps. Leaving out a critical step (marked ★) caps the item.',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
const bullets = (lines: string[]) => lines.map((line) => `- ${line}`).join('\n');

function sjt(item: SjtItem): string[] {
  const flags = item.options.filter((o) => o.redFlagIfBest);
  return [
    '| Option | Response | Expert rating |',
    '|---|---|---|',
    ...item.options.map((o) => {
      const key =
        o.id === item.key.best ? ' **(best)**' : o.id === item.key.worst ? ' **(worst)**' : '';
      return `| ${o.id}${key} | ${cell(o.text)} | ${o.effectiveness} – ${RATING[o.effectiveness]} |`;
    }),
    '',
    `**Key:** best \`${item.key.best}\`, worst \`${item.key.worst}\`.` +
      flags
        .map((o) => ` Choosing \`${o.id}\` as best raises the red flag \`${o.redFlagIfBest}\`.`)
        .join(''),
  ];
}

function detail(item: DetailItem): string[] {
  const response = item.response;
  const exhibit = item.exhibit ? [item.exhibit, ''] : [];
  if (response.kind === 'number') {
    const key = {
      usd: `$${response.key}`,
      percent: `${response.key}%`,
      days: `${response.key} days`,
    };
    const shown =
      response.unit && response.unit in key
        ? key[response.unit as keyof typeof key]
        : `${response.key}`;
    return [
      ...exhibit,
      `**Key:** ${shown} (answers within ${response.tolerance} of the key are accepted).`,
    ];
  }
  return [
    ...exhibit,
    ...response.options.map((o) => {
      const mark = o.id === response.key ? ' ✔' : '';
      const flag = o.redFlag ? ` *(raises \`${o.redFlag}\`)*` : '';
      return `- **${o.id}.** ${o.text}${mark}${flag}`;
    }),
    '',
    `**Key:** \`${response.key}\`.`,
  ];
}

function criterionRow(criterion: Criterion): string {
  const max = Math.max(...criterion.levels.map((l) => l.points));
  const levels = criterion.levels
    .filter((l) => l.points < max && l.label)
    .map((l) => `${l.points}: ${l.label}`)
    .join('; ');
  const flag =
    'redFlag' in criterion.feature && criterion.feature.redFlag
      ? ` Raises \`${criterion.feature.redFlag}\`.`
      : '';
  return `| ${cell(criterion.description)} | ${max} | ${cell(levels)}${flag} |`;
}

function written(item: WrittenItem): string[] {
  return [
    '| Criterion | Max points | Partial credit |',
    '|---|---:|---|',
    ...item.criteria.map(criterionRow),
  ];
}

function procedure(item: ProcedureItem): string[] {
  const total = item.steps.reduce((sum, s) => sum + s.weight, 0);
  return [
    'Expected steps, in order (★ critical):',
    '',
    ...item.steps.map(
      (s, i) => `${i + 1}. ${s.critical ? '★ ' : ''}${s.description} — weight ${s.weight}/${total}`,
    ),
    '',
    `Order counts for ${Math.round(item.order.share * 100)}% of the item; an answer missing a critical step can reach at most ${Math.round(item.criticalCap * 100)}% of it.`,
  ];
}

function renderItem(item: Item, n: number): string[] {
  const body =
    item.type === 'sjt'
      ? sjt(item)
      : item.type === 'detail'
        ? detail(item)
        : item.type === 'written'
          ? written(item)
          : procedure(item);
  return [
    `### ${n}. ${item.title} \`${item.id}\``,
    '',
    ...item.prompt.split('\n').map((line) => (line ? `> ${line}` : '>')),
    '',
    ...body,
    ...(item.rationale ? ['', `**Why:** ${item.rationale}`] : []),
    '',
  ];
}

export function renderPlaybookMarkdown(playbook: Playbook): string {
  const { bands } = playbook;
  const out: string[] = [
    `# ${playbook.title} — hiring guide`,
    '',
    `<!-- Generated from the built-in playbook ${playbook.id}@${playbook.version}; do not edit by hand. -->`,
    '',
    `Playbook \`${playbook.id}\` version ${playbook.version} · level ${playbook.level} · function ${playbook.function} · ${playbook.items.length} items · ${playbook.timeLimitMinutes}-minute time limit.`,
    '',
    '## The role',
    '',
    playbook.summary,
    '',
  ];
  const lists: [string, string[]][] = [
    ['Responsibilities', playbook.responsibilities],
    ['Skills', playbook.skills],
    ['Preferred certifications', playbook.certifications],
    ['Measures of success', playbook.kpis],
  ];
  for (const [title, lines] of lists)
    if (lines.length > 0) out.push(`**${title}**`, '', bullets(lines), '');

  out.push(
    '## How the assessment is scored',
    '',
    'The assessment score runs from 0 to 100. Each section is scored from 0 to 100 and weighted as follows:',
    '',
    '| Section | Weight | What it measures |',
    '|---|---:|---|',
    ...playbook.sections.map((s) => `| ${s.title} | ${s.weight} | ${cell(s.description ?? '')} |`),
    '',
    '| Band | Assessment score |',
    '|---|---|',
    `| strong | ${bands.strong} or more |`,
    `| proceed | ${bands.proceed}–${bands.strong - 1} |`,
    `| borderline | ${bands.borderline}–${bands.proceed - 1} |`,
    `| not-recommended | below ${bands.borderline} |`,
    '',
    `The hiring score combines the assessment (${playbook.combined.assessment}%) with the structured interview (${playbook.combined.interview}%).`,
    '',
  );
  if (playbook.redFlags.length > 0) {
    out.push(
      'Red flags never change the score; they are shown beside it for a person to review.',
      '',
      '| Red flag | Severity | Meaning |',
      '|---|---|---|',
      ...playbook.redFlags.map((f) => `| \`${f.id}\` | ${f.severity} | ${cell(f.message)} |`),
      '',
    );
  }

  let n = 0;
  for (const section of playbook.sections) {
    const items = playbook.items.filter((i) => i.section === section.id);
    out.push(`## ${section.title} (weight ${section.weight})`, '');
    if (section.description) out.push(section.description, '');
    const types = [...new Set(items.map((i) => i.type))];
    for (const type of types) out.push(TYPE_NOTE[type], '');
    for (const item of items) out.push(...renderItem(item, ++n));
  }

  if (playbook.interview) {
    out.push(
      '## Structured interview guide',
      '',
      'Ask every candidate the same questions in the same order. Rate each answer from 1 to 5 against the anchors (2 and 4 fall between them), and use the probes to get past a general answer to a specific example.',
      '',
    );
    playbook.interview.questions.forEach((q, i) => {
      out.push(
        `### ${i + 1}. ${q.competency} \`${q.id}\``,
        '',
        `> ${q.question}`,
        '',
        '| Rating | What the answer contains |',
        '|---|---|',
        ...([1, 2, 3, 4, 5] as const).flatMap((r) =>
          q.anchors[r] ? [`| ${r} | ${cell(q.anchors[r])} |`] : [],
        ),
        '',
      );
      if (q.probes.length > 0) out.push('Probes:', '', bullets(q.probes), '');
    });
  }
  return `${out.join('\n').trimEnd()}\n`;
}
