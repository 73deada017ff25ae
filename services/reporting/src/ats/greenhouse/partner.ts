import { HttpProblem, problems } from '@assay/platform';
import type { EventEnvelope } from '../../domain/audit';
import type { Webhooks } from '../../webhooks/deliveries';
import type { SecretSealer } from '../../webhooks/secret-sealer';
import { checkUrl, type Resolver, type WebhookMode } from '../../webhooks/url-guard';
import type { AssayApi } from './assay-api';
import type { GreenhouseStore, Interview } from './store';

export interface SendTestInput {
  partner_test_id: string;
  candidate: {
    first_name: string;
    last_name?: string;
    email: string;
    greenhouse_profile_url?: string;
  };
  url: string;
}

export interface TestStatus {
  partner_status: 'invited' | 'in_progress' | 'complete';
  partner_profile_url?: string;
  partner_score?: number;
  metadata?: Record<string, string | number>;
}

export interface GreenhouseDeps {
  store: GreenhouseStore;
  sealer: SecretSealer;
  api: AssayApi;
  webhooks: () => Webhooks;
  mode: WebhookMode;
  resolve?: Resolver;
  apiBase: () => string;
  now: () => Date;
}

export const sealContext = (tenantId: string, partnerInterviewId: string, what: string) =>
  `greenhouse-${what}:${tenantId}:${partnerInterviewId}`;

/**
 * Greenhouse's Assessment Partner API on top of assessments, invitations and scorecards:
 * list_tests, send_test and test_status, and the completion PATCH once a session is scored.
 */
export class GreenhousePartner {
  constructor(private readonly deps: GreenhouseDeps) {}

  async listTests(key: string): Promise<{ partner_test_id: string; partner_test_name: string }[]> {
    return (await this.deps.api.assessments(key)).map((a) => ({
      partner_test_id: a.id,
      partner_test_name: a.title,
    }));
  }

  /** Idempotent per completion URL: a retried send_test returns the same interview. */
  async sendTest(
    tenantId: string,
    key: string,
    input: SendTestInput,
  ): Promise<{ partner_interview_id: string }> {
    await this.checkCompletionUrl(input.url);
    const existing = await this.deps.store.interviewForUrl(tenantId, input.url);
    if (existing) return { partner_interview_id: existing.partnerInterviewId };
    const { candidate } = input;
    const profile = candidate.greenhouse_profile_url;
    const invitation = await this.deps.api.invite(key, input.partner_test_id, {
      name: [candidate.first_name, candidate.last_name].filter(Boolean).join(' '),
      email: candidate.email,
      ...(profile && profile.length <= 200 ? { externalId: profile } : {}),
    });
    const id = invitation.id;
    const interview: Interview = {
      partnerInterviewId: id,
      assessmentId: input.partner_test_id,
      completionUrl: input.url,
      sealedKey: await this.deps.sealer.seal(key, sealContext(tenantId, id, 'key')),
      sealedLink: await this.deps.sealer.seal(invitation.link, sealContext(tenantId, id, 'link')),
      status: 'invited',
      createdAt: this.deps.now().toISOString(),
      version: 1,
    };
    if (!(await this.deps.store.create(tenantId, interview))) {
      // A concurrent retry of the same send won; its invitation is the one Greenhouse keeps.
      const winner = await this.deps.store.interviewForUrl(tenantId, input.url);
      if (winner) return { partner_interview_id: winner.partnerInterviewId };
      throw problems.conflict('A send_test for this url is in progress');
    }
    return { partner_interview_id: id };
  }

  async testStatus(tenantId: string, partnerInterviewId: string): Promise<TestStatus> {
    return this.status(await this.interview(tenantId, partnerInterviewId));
  }

  /** For the tenant: the candidate's link to hand on (Assay sends no email). */
  async candidateLink(tenantId: string, partnerInterviewId: string) {
    const interview = await this.interview(tenantId, partnerInterviewId);
    return {
      partnerInterviewId,
      status: interview.status,
      candidateLink: await this.deps.sealer.open(
        interview.sealedLink,
        sealContext(tenantId, partnerInterviewId, 'link'),
      ),
    };
  }

  /** Reporting's event handler calls this for every event; only a few concern Greenhouse. */
  async onEvent(detail: EventEnvelope): Promise<void> {
    const data = (detail.data ?? {}) as Record<string, unknown>;
    const { tenantId } = detail;
    // Started links the session; submitted does too, in case the bus handed it over first.
    if (
      (detail.type === 'session.started' || detail.type === 'session.submitted') &&
      typeof data.invitationId === 'string'
    ) {
      const interview = await this.deps.store.interview(tenantId, data.invitationId);
      if (!interview || interview.sessionId) return;
      await this.save(tenantId, interview, {
        status: 'in_progress',
        sessionId: String(data.sessionId),
        ...(typeof data.startedAt === 'string' ? { startedAt: data.startedAt } : {}),
      });
      return;
    }
    if (
      (detail.type === 'score.computed' || detail.type === 'score.revised') &&
      typeof data.sessionId === 'string'
    ) {
      const interview = await this.deps.store.interviewForSession(tenantId, data.sessionId);
      if (!interview) return;
      const scoredAt = String(data.scoredAt ?? data.revisedAt ?? detail.occurredAt);
      const done =
        interview.scoredAt && interview.scoredAt >= scoredAt
          ? interview
          : await this.save(tenantId, interview, {
              status: 'complete',
              total: Number(data.total),
              band: String(data.band),
              scoredAt,
            });
      // Tell Greenhouse (it then reads test_status); retried and replayable like a webhook.
      await this.deps.webhooks().deliverTo(tenantId, {
        eventId: detail.eventId,
        type: detail.type,
        target: { kind: 'greenhouse', ref: done.partnerInterviewId },
        body: JSON.stringify(this.status(done)),
      });
    }
  }

  private status(interview: Interview): TestStatus {
    if (interview.status !== 'complete' || !interview.sessionId)
      return { partner_status: interview.status === 'complete' ? 'in_progress' : interview.status };
    return {
      partner_status: 'complete',
      partner_profile_url: `${this.deps.apiBase()}/v1/reports/sessions/${interview.sessionId}`,
      partner_score: interview.total,
      metadata: {
        Band: interview.band ?? '',
        'Started At': interview.startedAt ?? '',
        'Completed At': interview.scoredAt ?? '',
        Assessment: interview.assessmentId,
      },
    };
  }

  private async interview(tenantId: string, partnerInterviewId: string): Promise<Interview> {
    const interview = await this.deps.store.interview(tenantId, partnerInterviewId);
    if (!interview) throw problems.notFound(`Greenhouse interview ${partnerInterviewId}`);
    return interview;
  }

  private async save(tenantId: string, interview: Interview, change: Partial<Interview>) {
    const next = { ...interview, ...change, version: interview.version + 1 };
    await this.deps.store.update(tenantId, next, interview.version);
    return next;
  }

  /**
   * The URL we later PATCH with the tenant's key: the SSRF guard's rules, and in AWS only
   * Greenhouse's own hosts, so a forged send_test cannot send the key anywhere else.
   */
  private async checkCompletionUrl(url: string): Promise<void> {
    const checked = await checkUrl(url, this.deps.mode, this.deps.resolve);
    const host = checked.url.hostname.toLowerCase();
    if (this.deps.mode === 'cloud' && host !== 'greenhouse.io' && !host.endsWith('.greenhouse.io'))
      throw new HttpProblem(422, 'validation', 'Invalid request', 'Invalid fields: body/url', [
        { pointer: 'body/url', message: 'must be a greenhouse.io URL' },
      ]);
  }
}
