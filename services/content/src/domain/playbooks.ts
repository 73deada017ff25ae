import { playbookHash, validatePlaybook, type Playbook } from '@assay/playbooks';
import type { EnvelopeContext } from '@assay/events';
import { HttpProblem, problems, type FieldError } from '@assay/platform';
import type {
  ClonedFrom,
  ContentStore,
  PlaybookDraft,
  PlaybookRecord,
  VersionSummary,
} from '../store';
import { PlaybookExistsError, StaleWriteError } from '../store';
import { newPlaybookId } from './ids';
import {
  isLibraryId,
  libraryLatest,
  libraryReadOnly,
  libraryVersions,
  type LibraryVersion,
} from './library';
import { draftLimitErrors } from './limits';
import { nextVersion, type Bump } from './versions';

// ─── How the API shows playbooks ────────────────────────────────────────────

export function summary(r: PlaybookRecord) {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    latestVersion: r.latestVersion,
    updatedAt: r.updatedAt,
    source: 'tenant' as const,
    clonedFrom: r.clonedFrom,
  };
}

function librarySummary(v: LibraryVersion) {
  return {
    id: v.playbook.id,
    title: v.playbook.title,
    status: 'published' as const,
    latestVersion: v.version,
    // Library playbooks change only with a platform release.
    updatedAt: null,
    source: 'library' as const,
    clonedFrom: null,
  };
}

/** The draft's ETag: it moves on with every draft write and nothing else. */
export function etag(r: PlaybookRecord): string {
  return `"r${r.revision}"`;
}

/** A published document as a draft: the parts an author edits. */
function asDraft(document: Record<string, unknown>): PlaybookDraft {
  const { id: _id, version: _version, title, ...content } = document;
  return { title: String(title), content };
}

// ─── Reading ────────────────────────────────────────────────────────────────

export async function listPlaybooks(
  store: ContentStore,
  tenantId: string,
  limit: number,
  cursor: Parameters<ContentStore['list']>[2],
) {
  const page = await store.list(tenantId, limit, cursor);
  const own = page.items.map(summary);
  // The library is a handful of playbooks: all of it leads the first page.
  return {
    items: cursor ? own : [...libraryLatest().map(librarySummary), ...own],
    next: page.next,
  };
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

/** A playbook with its draft; a library playbook shows its newest version as the draft. */
export async function readPlaybook(store: ContentStore, tenantId: string, id: string) {
  const latest = libraryVersions(id).at(-1);
  if (latest) {
    return { ...librarySummary(latest), draft: asDraft(latest.playbook), etag: undefined };
  }
  const record = await getPlaybook(store, tenantId, id);
  return { ...summary(record), draft: record.draft, etag: etag(record) };
}

/** A published version (own, or library with `publishedAt` null) and its stored text. */
export interface VersionDocument extends Omit<VersionSummary, 'publishedAt'> {
  publishedAt: string | null;
  /** The published playbook as stored: the exact bytes every read returns. */
  document: string;
}

export async function getVersion(
  store: ContentStore,
  tenantId: string,
  id: string,
  version: string,
): Promise<VersionDocument> {
  if (isLibraryId(id)) {
    const found = libraryVersions(id).find((v) => v.version === version);
    if (found)
      return { id, version, hash: found.hash, publishedAt: null, document: found.document };
  } else {
    const found = await store.getVersion(tenantId, id, version);
    if (found) return found;
  }
  throw problems.notFound(`Version ${version} of playbook "${id}"`);
}

export async function listVersions(
  store: ContentStore,
  tenantId: string,
  id: string,
  limit: number,
  cursor: Parameters<ContentStore['listVersions']>[3],
) {
  if (isLibraryId(id)) {
    const items = libraryVersions(id).map((v) => ({
      id,
      version: v.version,
      hash: v.hash,
      publishedAt: null,
    }));
    return { items, next: undefined };
  }
  await getPlaybook(store, tenantId, id);
  return store.listVersions(tenantId, id, limit, cursor);
}

// ─── Writing ────────────────────────────────────────────────────────────────

export type CreateInput =
  | {
      id?: string;
      cloneFrom?: undefined;
      title: string;
      description?: string;
      content: Record<string, unknown>;
    }
  | { id?: string; cloneFrom: string; title?: string; description?: string };

/** Creates a draft from scratch, or as a copy of a library playbook, a version or a draft. */
export async function createPlaybook(
  store: ContentStore,
  tenantId: string,
  input: CreateInput,
  now = new Date(),
): Promise<PlaybookRecord> {
  const id = input.id ?? newPlaybookId();
  if (isLibraryId(id)) {
    throw problems.conflict(`"${id}" is the id of a library playbook; choose another id`);
  }
  let draft: PlaybookDraft;
  let clonedFrom: ClonedFrom | null = null;
  if (input.cloneFrom === undefined) {
    const { id: _id, ...rest } = input;
    draft = rest;
  } else {
    const source = await cloneSource(store, tenantId, input.cloneFrom);
    clonedFrom = source.clonedFrom;
    const description = input.description ?? source.draft.description;
    draft = {
      title: input.title ?? source.draft.title,
      ...(description === undefined ? {} : { description }),
      content: source.draft.content,
    };
  }
  assertWithinLimits(draft);
  try {
    return await store.createDraft(tenantId, id, draft, clonedFrom, now);
  } catch (err) {
    if (err instanceof PlaybookExistsError)
      throw problems.conflict(`A playbook with id "${id}" already exists`);
    throw err;
  }
}

/**
 * `id` is a library playbook's newest version or one of the tenant's drafts; `id@version` a
 * published version of either.
 */
async function cloneSource(
  store: ContentStore,
  tenantId: string,
  ref: string,
): Promise<{ draft: PlaybookDraft; clonedFrom: ClonedFrom }> {
  const [id = '', version] = ref.split('@');
  if (isLibraryId(id)) {
    const all = libraryVersions(id);
    const found = version === undefined ? all.at(-1) : all.find((v) => v.version === version);
    if (found) {
      return { draft: asDraft(found.playbook), clonedFrom: { id, version: found.version } };
    }
  } else if (version !== undefined) {
    const found = await store.getVersion(tenantId, id, version);
    if (found) {
      const document = JSON.parse(found.document) as Record<string, unknown>;
      return { draft: asDraft(document), clonedFrom: { id, version } };
    }
  } else {
    const record = await store.get(tenantId, id);
    if (record) return { draft: record.draft, clonedFrom: { id, version: null } };
  }
  throw new HttpProblem(422, 'validation', 'Invalid request', 'Invalid fields: body/cloneFrom', [
    { pointer: 'body/cloneFrom', message: `no playbook or version "${ref}" to clone` },
  ]);
}

/** Whole replace of the draft, only against the ETag the author last read. */
export async function replaceDraft(
  store: ContentStore,
  tenantId: string,
  id: string,
  draft: PlaybookDraft,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<PlaybookRecord> {
  if (isLibraryId(id)) throw libraryReadOnly(id);
  const record = await getPlaybook(store, tenantId, id);
  if (ifMatch === undefined) {
    throw new HttpProblem(
      428,
      'precondition-required',
      'Precondition required',
      'Send If-Match with the ETag of your last read of this playbook, so you never overwrite a change you have not seen',
    );
  }
  assertMatches(record, ifMatch);
  assertWithinLimits(draft);
  try {
    return await store.replaceDraft(tenantId, record, draft, now);
  } catch (err) {
    if (err instanceof StaleWriteError) throw staleETag(id);
    throw err;
  }
}

/** The draft as a playbook, or a 422 listing every problem with a pointer into the draft. */
export async function validateDraft(store: ContentStore, tenantId: string, id: string) {
  // Library playbooks were validated when the library loaded. The version only has to be
  // well-formed here; publishing picks the real one.
  if (!isLibraryId(id)) validated(await getPlaybook(store, tenantId, id), '1.0.0');
  return { valid: true as const };
}

/**
 * Validates the draft as a playbook, hashes its canonical form and publishes it as the next
 * immutable version. Nothing is written when validation fails. `ifMatch`, when sent, makes
 * sure the version is exactly the draft the author last saw.
 */
export async function publishPlaybook(
  store: ContentStore,
  tenantId: string,
  id: string,
  options: { bump?: Bump; ifMatch?: string },
  ctx: EnvelopeContext,
  now = new Date(),
) {
  if (isLibraryId(id)) throw libraryReadOnly(id);
  const record = await getPlaybook(store, tenantId, id);
  if (options.ifMatch !== undefined) assertMatches(record, options.ifMatch);
  const version = nextVersion(record.latestVersion, options.bump);
  const playbook = validated(record, version);
  const published = {
    id,
    version,
    hash: playbookHash(playbook),
    publishedAt: now.toISOString(),
    document: JSON.stringify(playbook),
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

/** A published version (own or library) parsed back into a playbook. */
export async function versionPlaybook(
  store: ContentStore,
  tenantId: string,
  id: string,
  version: string,
) {
  const found = await getVersion(store, tenantId, id, version);
  // Stored documents were parsed by the validator before they were written.
  return { ...found, playbook: JSON.parse(found.document) as Playbook };
}

function validated(record: PlaybookRecord, version: string): Playbook {
  const document = { ...record.draft.content, id: record.id, version, title: record.draft.title };
  const report = validatePlaybook(document);
  if (report.ok) return report.playbook;
  throw new HttpProblem(
    422,
    'invalid-playbook',
    'The draft is not a valid playbook',
    `${report.errors.length} problem(s) must be fixed before publishing`,
    report.errors.map((e) => ({ pointer: draftPointer(e.path), message: e.message })),
  );
}

/** A pointer into the validated document, as a pointer into the request that wrote the draft. */
function draftPointer(path: string): string {
  if (path === '/title' || path.startsWith('/title/')) return `body${path}`;
  if (path === '/id') return 'path/id';
  return `body/content${path}`;
}

function assertWithinLimits(draft: PlaybookDraft): void {
  const errors: FieldError[] = draftLimitErrors(draft);
  if (errors.length === 0) return;
  throw new HttpProblem(
    422,
    'limits',
    'The playbook exceeds a limit',
    `${errors.length} limit(s) exceeded: ${errors.map((e) => e.pointer).join(', ')}`,
    errors,
  );
}

function assertMatches(record: PlaybookRecord, ifMatch: string): void {
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (!tags.includes('*') && !tags.includes(etag(record))) throw staleETag(record.id);
}

function staleETag(id: string): HttpProblem {
  return new HttpProblem(
    412,
    'precondition-failed',
    'Precondition failed',
    `Playbook "${id}" changed since the ETag you sent; read it again, reapply your change and retry`,
  );
}
