// Renders a cost bench run: the counts behind each line and the cost per 1,000 sessions, as
// terminal text and as the Markdown section of docs/cost.md.
import type { MeterSnapshot } from '@assay/local';
import { functionMemoryMb } from '../../../../infra/lib/function-memory';
import type { CostLine } from './cost-model';
import { describePagePolicy, type PagePolicy } from './cost-page-model';
import { PRICES, PRICES_AS_OF, PRICE_REGION, type Price } from './cost-prices';

export const GOAL_PER_1000 = 0.25;

export interface CostReportInput {
  sessions: number;
  playbook: string;
  items: number;
  perAssessment: number;
  policy: PagePolicy;
  snapshot: MeterSnapshot;
  lines: CostLine[];
  webhooksReceived: number;
  sessionMinutes: number;
  savesPerSession: number;
  signalRequestsPerSession: number;
  syncsPerSession: number;
}

type Row = (string | number)[];

export function renderCostReport(input: CostReportInput): { text: string; markdown: string } {
  const { snapshot: s, sessions } = input;
  const per = (n: number) => n / sessions;
  const fmt = (n: number, digits = 2) =>
    n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(digits);
  const usd = (n: number) => `$${n.toFixed(4)}`;
  const total = input.lines.reduce((sum, line) => sum + line.per1000, 0);

  const routes: Row[] = Object.entries(s.api.byRoute)
    .sort((a, b) => b[1] - a[1])
    .map(([route, n]) => [route, fmt(per(n)), fmt(per(n) * 1000, 0)]);
  const lambdas: Row[] = [...s.lambdas]
    .sort((a, b) => b.invocations - a.invocations)
    .map((l) => [
      l.name,
      functionMemoryMb(l.name),
      fmt(per(l.invocations)),
      fmt(l.durationMs / l.invocations, 1),
      fmt(l.billedMs / l.invocations, 1),
      fmt(per(s.logs.byFunction[l.name] ?? 0) / 1024, 1),
    ]);
  const tables = new Map<string, { read: number; write: number; calls: number }>();
  for (const d of s.dynamo) {
    const t = tables.get(d.table) ?? { read: 0, write: 0, calls: 0 };
    t.read += d.readUnits;
    t.write += d.writeUnits;
    t.calls += d.calls;
    tables.set(d.table, t);
  }
  const dynamo: Row[] = [...tables]
    .sort((a, b) => b[1].write - a[1].write)
    .map(([table, t]) => [table, fmt(per(t.calls)), fmt(per(t.write)), fmt(per(t.read))]);
  const operations: Row[] = [...s.dynamo]
    .sort((a, b) => b.writeUnits + b.readUnits - (a.writeUnits + a.readUnits))
    .map((d) => [
      `${d.table} ${d.operation}`,
      fmt(per(d.calls)),
      fmt(per(d.writeUnits)),
      fmt(per(d.readUnits)),
    ]);
  const other: Row[] = [
    ['EventBridge events put (64 KB chunks)', fmt(per(s.events.billedEvents))],
    ...Object.entries(s.events.bySource).map(([source, n]): Row => [
      `  from ${source}`,
      fmt(per(n)),
    ]),
    [
      'Pipe batches / events (local relay)',
      `${fmt(per(s.pipes.batches))} / ${fmt(per(s.pipes.events))}`,
    ],
    [
      'Scheduler: created / fired / deleted',
      `${fmt(per(s.scheduler.created))} / ${fmt(per(s.scheduler.invoked))} / ${fmt(per(s.scheduler.deleted))}`,
    ],
    ['Log bytes from functions (KB)', fmt(per(s.logs.bytes) / 1024, 1)],
    ['Stream GetRecords calls (timer-driven, not per session)', String(s.streams.GetRecords ?? 0)],
    ['Webhook deliveries received', `${input.webhooksReceived} of ${sessions}`],
  ];
  const costs: Row[] = input.lines.map((line) => [
    line.label,
    line.perSession < 0.01 ? line.perSession.toExponential(2) : fmt(line.perSession),
    `${PRICES[line.price].usd.toExponential(3)} / ${PRICES[line.price].unit}`,
    usd(line.per1000),
    `${((line.per1000 / total) * 100).toFixed(0)} %`,
  ]);
  costs.push(['total', '', '', usd(total), '100 %']);

  const summary = [
    `${sessions} sessions of the ${input.items}-item ${input.playbook} playbook, one assessment per ${input.perAssessment} invitations, virtual session length ${fmt(input.sessionMinutes, 1)} min.`,
    describePagePolicy(input.policy),
    input.policy.kind === 'sync'
      ? `Per session: ${fmt(input.syncsPerSession, 1)} sync requests from the page (answers and signals together).`
      : `Per session: ${fmt(input.savesPerSession, 1)} autosaves, ${fmt(input.signalRequestsPerSession, 1)} signal requests.`,
    `Cost per 1,000 sessions: ${usd(total)} (goal < $${GOAL_PER_1000.toFixed(2)}: ${total < GOAL_PER_1000 ? 'met' : 'NOT met'}). Prices: ${PRICE_REGION} list prices recorded ${PRICES_AS_OF}.`,
  ];
  const sections: [string, string[], Row[]][] = [
    ['API requests by route', ['route', 'per session', 'per 1,000'], routes],
    [
      'Lambda invocations by function',
      ['function', 'MB', 'per session', 'avg ms', 'billed ms', 'log KB/session'],
      lambdas,
    ],
    ['DynamoDB by table', ['table', 'calls/session', 'WRU/session', 'RRU/session'], dynamo],
    ['DynamoDB by table and operation', ['operation', 'calls/session', 'WRU', 'RRU'], operations],
    ['Other counts', ['what', 'per session'], other],
    [
      'Cost per 1,000 sessions',
      ['line', 'units/session', 'unit price (USD)', 'per 1,000', 'share'],
      costs,
    ],
  ];
  const text = [
    ...summary,
    ...sections.flatMap(([title, head, rows]) => ['', title, textTable(head, rows)]),
  ].join('\n');
  const markdown = [
    ...summary.map((line) => `${line}\n`),
    ...sections.flatMap(([title, head, rows]) => [
      `#### ${title}\n`,
      markdownTable(head, rows),
      '',
    ]),
    `#### List prices (${PRICE_REGION}, recorded ${PRICES_AS_OF} in packages/cli/src/bench/cost-prices.ts; check the sources before quoting)\n`,
    markdownTable(
      ['unit', 'USD', 'note', 'source'],
      Object.values(PRICES).map((p: Price): Row => [
        p.unit,
        p.usd.toExponential(4),
        p.note ?? '',
        p.source,
      ]),
    ),
  ].join('\n');
  return { text, markdown };
}

function textTable(head: string[], rows: Row[]): string {
  const all = [head, ...rows].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    )
    .join('\n');
}

function markdownTable(head: string[], rows: Row[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(head),
    line(head.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...rows.map((row) => line(row.map((cell) => String(cell).replace(/\|/g, '\\|')))),
  ].join('\n');
}
