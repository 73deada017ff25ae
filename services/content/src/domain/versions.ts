/** Semver helpers for published playbook versions. */
const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export type Bump = 'major' | 'minor' | 'patch';

/** The first version is 1.0.0 whatever the bump; after that, a minor bump unless told. */
export function nextVersion(latest: string | null, bump: Bump = 'minor'): string {
  if (!latest) return '1.0.0';
  const [, major, minor, patch] = (SEMVER.exec(latest) ?? []).map(Number);
  if (major === undefined || minor === undefined || patch === undefined)
    throw new Error(`not a semver version: ${latest}`);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** A sort key that orders versions numerically (1.10.0 after 1.9.0). */
export function versionSortKey(version: string): string {
  const parts = SEMVER.exec(version);
  if (!parts) throw new Error(`not a semver version: ${version}`);
  return parts
    .slice(1)
    .map((p) => p.padStart(6, '0'))
    .join('.');
}

/** Orders versions numerically. */
export function compareVersions(a: string, b: string): number {
  const ka = versionSortKey(a);
  const kb = versionSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
