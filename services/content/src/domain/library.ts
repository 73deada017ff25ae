import { builtinPlaybooks, playbookHash, type Playbook } from '@assay/playbooks';
import { HttpProblem } from '@assay/platform';
import { compareVersions } from './versions';

/**
 * The built-in library, read-only for every tenant. Its documents are serialised once per
 * process: the library changes only with a release, so a version reads back byte for byte.
 */
export interface LibraryVersion {
  playbook: Playbook;
  version: string;
  hash: string;
  document: string;
}

const versions: LibraryVersion[] = builtinPlaybooks
  .map((playbook) => ({
    playbook,
    version: playbook.version,
    hash: playbookHash(playbook),
    document: JSON.stringify(playbook),
  }))
  .sort((a, b) => compareVersions(a.version, b.version));

export function isLibraryId(id: string): boolean {
  return versions.some((v) => v.playbook.id === id);
}

/** Every version of a library playbook, oldest first; empty for any other id. */
export function libraryVersions(id: string): LibraryVersion[] {
  return versions.filter((v) => v.playbook.id === id);
}

/** The newest version of each library playbook. */
export function libraryLatest(): LibraryVersion[] {
  const newest = new Map<string, LibraryVersion>();
  for (const v of versions) newest.set(v.playbook.id, v);
  return [...newest.values()];
}

export function libraryReadOnly(id: string): HttpProblem {
  return new HttpProblem(
    409,
    'library-read-only',
    'Library playbooks are read-only',
    `"${id}" is a built-in library playbook and cannot be changed; clone it with POST /v1/playbooks {"cloneFrom": "${id}"} and edit the copy`,
  );
}
