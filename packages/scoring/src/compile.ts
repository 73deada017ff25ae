// Forms compile once into item scorers (phrase indexes, regexes, level tables) so that scoring
// a sheet does no compilation. Cached by object identity first, then by content hash so a
// re-loaded copy of the same playbook version reuses the compiled form. Forms are immutable
// once scored: mutate a copy, never a form that has been passed to `score`.
import type { Form, FormRedFlag, ItemForm } from './form';
import { contentHash } from './hash';
import { compileDetail } from './items/detail';
import type { ItemScorer } from './items/item-scorer';
import { compileProcedure } from './items/procedure';
import { compileSjt } from './items/sjt';
import { compileWritten } from './items/written';

export interface CompiledForm {
  hash: string;
  scorers: Map<string, ItemScorer>;
  redFlags: Map<string, FormRedFlag>;
}

const byObject = new WeakMap<Form, CompiledForm>();
const byHash = new Map<string, CompiledForm>();
const HASH_CACHE_LIMIT = 64;

function compileItem(item: ItemForm): ItemScorer {
  switch (item.type) {
    case 'sjt':
      return compileSjt(item);
    case 'detail':
      return compileDetail(item);
    case 'written':
      return compileWritten(item);
    case 'procedure':
      return compileProcedure(item);
  }
}

export function compileForm(form: Form): CompiledForm {
  const known = byObject.get(form);
  if (known) return known;
  const hash = contentHash(form);
  let compiled = byHash.get(hash);
  if (!compiled) {
    compiled = {
      hash,
      scorers: new Map(form.items.map((item) => [item.id, compileItem(item)])),
      redFlags: new Map(form.redFlags.map((flag) => [flag.id, flag])),
    };
    if (byHash.size >= HASH_CACHE_LIMIT) byHash.delete(byHash.keys().next().value!);
    byHash.set(hash, compiled);
  }
  byObject.set(form, compiled);
  return compiled;
}
