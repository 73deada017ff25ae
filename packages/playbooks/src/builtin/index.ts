// The built-in playbook library. Each entry is parsed (defaults filled in) once at load, so a
// malformed built-in fails fast rather than at scoring time.
import { Playbook } from '../format';
import type { PlaybookInput } from '../format';
import { medicalBillingCollectionsSpecialist } from './medical-billing-collections-specialist';
import { medicalBillingSpecialist } from './medical-billing-specialist';
import { medicalBillingSpecialistJunior } from './medical-billing-specialist-junior';
import { medicalBillingSpecialistSenior } from './medical-billing-specialist-senior';

const sources: PlaybookInput[] = [
  medicalBillingSpecialist,
  medicalBillingSpecialistJunior,
  medicalBillingSpecialistSenior,
  medicalBillingCollectionsSpecialist,
];

export const builtinPlaybooks: Playbook[] = sources.map((source) => Playbook.parse(source));

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Resolves a playbook reference: `id` → the newest version of that playbook,
 * `id@version` → that exact version. Returns `undefined` when nothing matches.
 */
export function findBuiltin(ref: string): Playbook | undefined {
  const at = ref.indexOf('@');
  const id = at === -1 ? ref : ref.slice(0, at);
  const version = at === -1 ? undefined : ref.slice(at + 1);
  const candidates = builtinPlaybooks.filter((playbook) => playbook.id === id);
  if (version !== undefined) return candidates.find((playbook) => playbook.version === version);
  return candidates.reduce<Playbook | undefined>(
    (newest, playbook) =>
      newest === undefined || compareVersions(playbook.version, newest.version) > 0
        ? playbook
        : newest,
    undefined,
  );
}
