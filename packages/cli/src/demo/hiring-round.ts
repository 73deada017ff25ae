// A whole hiring round against a running stack, as a tenant and its candidates would do it over
// HTTP: publish the Medical Billing playbook, register a webhook receiver, create the assessment,
// invite a synthetic cohort, let every candidate take it, wait for every score and signed
// webhook, then fetch and write the reports and verify the audit chain.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Playbook } from '@assay/playbooks';
import { CliError } from '../cli-error';
import { ApiError, call, tenantApi } from '../sim/assay-api';
import { takeAssessment } from '../sim/candidate';
import { prng } from '../sim/synthetic-answers';
import { BAND_ORDER, cohortHtml } from './cohort-html';
import { mapWithConcurrency } from './pool';
import { progressBar } from './progress';
import { getText, type AuditCheck, type CohortReport } from './reports';
import { demoRoster, qualityCounts, type DemoCandidate } from './roster';
import { stepRunner } from './steps';
import { WebhookReceiver } from './webhook-receiver';

/** The library playbook the tenant copies, and the id of its own copy. */
export const LIBRARY_PLAYBOOK = 'medical-billing-specialist';
export const DEMO_PLAYBOOK = 'demo-medical-billing';

export interface RoundOptions {
  url: string;
  apiKey: string;
  candidates: number;
  concurrency: number;
  seed: number;
  outDir: string;
  /** How long to wait for scores, webhooks and reports after the last submit. */
  timeoutMs: number;
  out: (line: string) => void;
  progressStream?: NodeJS.WriteStream;
  /** Registers what to undo if the user interrupts the round (Ctrl-C). */
  onInterrupt?: (undo: () => Promise<void>) => void;
}

export interface RoundResult {
  playbook: { id: string; version: string };
  assessmentId: string;
  invited: number;
  submitted: number;
  scored: number;
  webhooks: { received: number; verified: number; rejected: number; duplicates: number };
  bands: [string, number][];
  top: { rank: number; name: string; total: number; band: string; quality: string }[];
  audit: { entries: number };
  files: { cohortHtml: string; cohortCsv: string; cohortJson: string; sessionHtml: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runHiringRound(o: RoundOptions): Promise<RoundResult> {
  const step = stepRunner(o.out);
  const api = tenantApi(o.url, o.apiKey);
  const receiver = await new WebhookReceiver().start();
  let endpointId: string | undefined;
  const removeEndpoint = async () => {
    // The stack would otherwise retry deliveries to this receiver for a day after it is gone.
    const id = endpointId;
    endpointId = undefined;
    if (id)
      await call(o.url, o.apiKey, 'DELETE', `/v1/webhooks/endpoints/${id}`).catch(() => undefined);
  };
  o.onInterrupt?.(async () => {
    await removeEndpoint();
    await receiver.stop();
  });
  try {
    const playbook = await step(
      'Publish the Medical Billing playbook',
      () => publishPlaybook(o.url, o.apiKey),
      (p) => `the tenant's copy ${p.id}@${p.version}`,
    );
    await step(
      'Register the webhook receiver',
      async () => {
        const endpoint = await api.registerWebhook(
          receiver.url,
          ['score.computed'],
          'assay demo receiver',
        );
        endpointId = (endpoint as unknown as { endpointId: string }).endpointId;
        receiver.useSecret(endpoint.secret);
      },
      () => `${receiver.url}, score.computed, Standard Webhooks signatures checked`,
    );
    const assessment = await step(
      'Create the assessment',
      () => createAssessment(o.url, o.apiKey, playbook, o.timeoutMs),
      (a) => `${a.id}, ${a.itemCount} items`,
    );
    const roster = demoRoster(o.candidates, o.seed);
    const counts = qualityCounts(o.candidates);
    const invitations = await step(
      `Invite ${o.candidates} candidates`,
      () =>
        mapWithConcurrency(roster, o.concurrency, (c) =>
          api.invite(assessment.id, { name: c.name, email: c.email, externalId: c.externalId }),
        ),
      () =>
        `${counts.strong} strong, ${counts.average} average, ${counts.weak} weak, ${counts.stuffed} keyword stuffers (seed ${o.seed})`,
    );
    const bySession = new Map<string, DemoCandidate>();
    await step(
      `Take the assessment over HTTP, ${Math.min(o.concurrency, o.candidates)} candidates at a time`,
      async () => {
        const bar = progressBar(o.candidates, 'candidates', o.progressStream);
        try {
          await mapWithConcurrency(roster, o.concurrency, async (candidate, i) => {
            const taken = await takeAssessment({
              baseUrl: o.url,
              token: invitations[i]!.token,
              playbook: playbook.document,
              quality: candidate.quality,
              random: prng(o.seed * 1000 + candidate.n),
            });
            bySession.set(taken.sessionId, candidate);
            bar.tick();
          });
        } finally {
          bar.done();
        }
      },
      () => `${bySession.size} submitted`,
    );
    const deadline = Date.now() + o.timeoutMs;
    await step(
      'Wait for every score and its signed webhook',
      () => waitForWebhooks(o, receiver, [...bySession.keys()], deadline),
      () => `${receiver.scores.size} scored, ${receiver.scores.size} score.computed verified`,
    );
    const cohort = await step(
      'Fetch the cohort report',
      () => waitForCohort(o, assessment.id, bySession.size, deadline),
      (r) => `${r.candidates} candidates ranked`,
    );
    crossCheck(cohort, receiver);
    const files = await step(
      'Write the reports',
      () => writeReports(o, cohort, bySession, playbook),
      () => o.outDir,
    );
    const audit = await step(
      'Verify the audit chain',
      async () => {
        const res = (await call(o.url, o.apiKey, 'GET', '/v1/audit/verify')).body as AuditCheck;
        if (!res.ok)
          throw new CliError(
            `the audit chain is broken at entry ${res.firstBroken?.seq}: ${res.firstBroken?.reason}`,
            1,
          );
        return res;
      },
      (a) => `${a.entries} entries, every hash links`,
    );
    const bands: [string, number][] = [
      ...BAND_ORDER.map((b) => [b, cohort.bands[b] ?? 0] as [string, number]),
      ...Object.entries(cohort.bands).filter(([b]) => !BAND_ORDER.includes(b)),
    ];
    return {
      playbook: { id: playbook.id, version: playbook.version },
      assessmentId: assessment.id,
      invited: invitations.length,
      submitted: bySession.size,
      scored: cohort.candidates,
      webhooks: {
        received: receiver.received,
        verified: receiver.verifiedIds.size,
        rejected: receiver.rejected,
        duplicates: receiver.duplicates,
      },
      bands,
      top: cohort.ranking.slice(0, 3).map((r) => {
        const who = bySession.get(r.sessionId)!;
        return { rank: r.rank, name: who.name, total: r.total, band: r.band, quality: who.quality };
      }),
      audit: { entries: audit.entries },
      files,
    };
  } finally {
    await removeEndpoint();
    await receiver.stop();
  }
}

/** The tenant's own copy of the library playbook (cloned once), published as a new version. */
async function publishPlaybook(url: string, apiKey: string) {
  const existing = await call(
    url,
    apiKey,
    'GET',
    `/v1/playbooks/${DEMO_PLAYBOOK}`,
    undefined,
    (s) => [200, 404].includes(s),
  );
  if (existing.status === 404) {
    await call(url, apiKey, 'POST', '/v1/playbooks', {
      cloneFrom: LIBRARY_PLAYBOOK,
      id: DEMO_PLAYBOOK,
      title: 'Medical Billing Specialist (Demo Clinic)',
    });
  }
  const published = (
    await call(url, apiKey, 'POST', `/v1/playbooks/${DEMO_PLAYBOOK}/publish`, { bump: 'patch' })
  ).body as { id: string; version: string };
  // The candidates answer from the version's own keys and terms, read back as published.
  const doc = await call(
    url,
    apiKey,
    'GET',
    `/v1/playbooks/${DEMO_PLAYBOOK}/versions/${published.version}`,
  );
  return { id: published.id, version: published.version, document: Playbook.parse(doc.body) };
}

/**
 * The session service learns of a tenant's new version from `playbook.published` on the bus,
 * so for a moment after publishing it answers 422 on body/playbook: try again until it knows.
 */
async function createAssessment(
  url: string,
  apiKey: string,
  playbook: { id: string; version: string },
  timeoutMs: number,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await tenantApi(url, apiKey).createAssessment(playbook.id, {
        playbook: { id: playbook.id, version: playbook.version },
        title: 'Medical Billing Specialist — demo hiring round',
      });
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 422) || Date.now() > until) throw err;
      await sleep(50);
    }
  }
}

async function waitForWebhooks(
  o: RoundOptions,
  receiver: WebhookReceiver,
  sessionIds: string[],
  deadline: number,
): Promise<void> {
  const missing = () => sessionIds.filter((id) => !receiver.scores.has(id));
  while (missing().length > 0 && Date.now() < deadline) await sleep(100);
  const left = missing();
  if (left.length === 0) return;
  // Say which part is missing: the score itself, or only its webhook.
  const unscored: string[] = [];
  for (const id of left) {
    const card = await call(
      o.url,
      o.apiKey,
      'GET',
      `/v1/sessions/${id}/scorecard`,
      undefined,
      (s) => [200, 404].includes(s),
    );
    if (card.status === 404) unscored.push(id);
  }
  const noWebhook = left.filter((id) => !unscored.includes(id));
  const list = (ids: string[]) => `${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}`;
  const parts = [
    unscored.length > 0 ? `${unscored.length} not scored (${list(unscored)})` : '',
    noWebhook.length > 0
      ? `${noWebhook.length} scored but no verified score.computed webhook arrived (${list(noWebhook)}; ${receiver.rejected} requests failed verification)`
      : '',
  ].filter(Boolean);
  throw new CliError(
    `timed out after ${Math.round(o.timeoutMs / 1000)} s: of ${sessionIds.length} sessions, ${parts.join('; ')}`,
    1,
  );
}

/** Reporting builds the cohort from events; wait until it has every scored session. */
async function waitForCohort(
  o: RoundOptions,
  assessmentId: string,
  expected: number,
  deadline: number,
): Promise<CohortReport> {
  let report: CohortReport | undefined;
  for (;;) {
    const res = await getText(
      o.url,
      o.apiKey,
      `/v1/reports/assessments/${assessmentId}`,
      'application/json',
    );
    report = res ? (JSON.parse(res.text) as CohortReport) : undefined;
    if (report && report.candidates >= expected) return report;
    if (Date.now() > deadline)
      throw new CliError(
        `timed out after ${Math.round(o.timeoutMs / 1000)} s: the cohort report has ${report?.candidates ?? 0} of ${expected} candidates`,
        1,
      );
    await sleep(100);
  }
}

/** Every webhook's total must be the report's total for that session. */
function crossCheck(cohort: CohortReport, receiver: WebhookReceiver): void {
  for (const r of cohort.ranking) {
    const hook = receiver.scores.get(r.sessionId);
    if (!hook || hook.total !== r.total || hook.band !== r.band)
      throw new CliError(
        `session ${r.sessionId}: the report says ${r.total} (${r.band}) but its webhook said ${hook ? `${hook.total} (${hook.band})` : 'nothing'}`,
        1,
      );
  }
}

async function writeReports(
  o: RoundOptions,
  cohort: CohortReport,
  bySession: Map<string, DemoCandidate>,
  playbook: { id: string; version: string },
): Promise<RoundResult['files']> {
  const dir = resolve(o.outDir);
  mkdirSync(dir, { recursive: true });
  const top = cohort.ranking[0]!;
  const csv = await getText(
    o.url,
    o.apiKey,
    `/v1/reports/assessments/${cohort.assessmentId}`,
    'text/csv',
  );
  const session = await getText(
    o.url,
    o.apiKey,
    `/v1/reports/sessions/${top.sessionId}`,
    'text/html',
  );
  if (!csv || !session) throw new CliError('a report disappeared while it was being read', 1);
  const sessionFile = `session-${top.sessionId}.html`;
  const files = {
    cohortHtml: join(dir, 'cohort.html'),
    cohortCsv: join(dir, 'cohort.csv'),
    cohortJson: join(dir, 'cohort.json'),
    sessionHtml: join(dir, sessionFile),
  };
  writeFileSync(files.cohortJson, JSON.stringify(cohort, null, 2) + '\n');
  writeFileSync(files.cohortCsv, csv.text);
  writeFileSync(files.sessionHtml, session.text);
  writeFileSync(
    files.cohortHtml,
    cohortHtml({
      report: cohort,
      roster: bySession,
      playbook,
      sessionReportFiles: new Map([[top.sessionId, sessionFile]]),
    }),
  );
  return files;
}
