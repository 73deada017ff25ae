/** Semver helpers for published playbook versions. */
const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/** The first version is 1.0.0; each publish after that is a minor bump. */
export function nextVersion(latest: string | null): string {
  if (!latest) return '1.0.0';
  const [, major, minor] = SEMVER.exec(latest) ?? [];
  if (major === undefined || minor === undefined)
    throw new Error(`not a semver version: ${latest}`);
  return `${major}.${Number(minor) + 1}.0`;
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
