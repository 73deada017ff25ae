import { playbookHash, validatePlaybook } from '@assay/playbooks';
import type { EnvelopeContext } from '@assay/events';
import { HttpProblem, problems } from '@assay/platform';
import type { ContentStore, PlaybookDraft, PlaybookRecord } from '../store';
import { PlaybookExistsError, StaleWriteError } from '../store';
import { newPlaybookId } from './ids';
import { nextVersion } from './versions';

/** The playbook as the API shows it. */
export function summary(r: PlaybookRecord) {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    latestVersion: r.latestVersion,
    updatedAt: r.updatedAt,
  };
}

export async function createPlaybook(
  store: ContentStore,
  tenantId: string,
  input: PlaybookDraft & { id?: string },
  now = new Date(),
): Promise<PlaybookRecord> {
  const { id = newPlaybookId(), ...draft } = input;
  try {
    return await store.createDraft(tenantId, id, draft, now);
  } catch (err) {
    if (err instanceof PlaybookExistsError)
      throw problems.conflict(`A playbook with id "${id}" already exists`);
    throw err;
  }
}

export async function getPlaybook(
  store: ContentStore,
  tenantId: string,
  id: string,
): Promise<PlaybookRecord> {
  const record = await store.get(tenantId, id);
  // Another tenant's playbook is indistinguishable from one that does not exist.
  if (!record) throw problems.notFound(`Playbook "${id}"`);
  return record;
}

/**
 * Validates the draft as a playbook, hashes its canonical form and publishes it as the next
 * immutable version. Nothing is written when validation fails.
 */
export async function publishPlaybook(
  store: ContentStore,
  tenantId: string,
  id: string,
  ctx: EnvelopeContext,
  now = new Date(),
) {
  const record = await getPlaybook(store, tenantId, id);
  const version = nextVersion(record.latestVersion);
  const document = { ...record.draft.content, id, version, title: record.draft.title };
  const report = validatePlaybook(document);
  if (!report.ok) {
    throw new HttpProblem(
      422,
      'invalid-playbook',
      'The draft is not a valid playbook',
      `${report.errors.length} problem(s) must be fixed before publishing`,
      report.errors.map((e) => ({ pointer: `body/content${e.path}`, message: e.message })),
    );
  }
  const published = {
    id,
    version,
    hash: playbookHash(report.playbook),
    publishedAt: now.toISOString(),
    document: JSON.stringify(report.playbook),
  };
  try {
    await store.publish(tenantId, record, published, ctx, now);
  } catch (err) {
    if (err instanceof StaleWriteError) {
      throw problems.conflict(`Playbook "${id}" changed while it was being published; try again`);
    }
    throw err;
  }
  const { document: _document, ...rest } = published;
  return rest;
}
