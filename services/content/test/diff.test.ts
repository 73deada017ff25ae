import { describe, expect, it } from 'vitest';
import { findBuiltin, type Playbook } from '@assay/playbooks';
import { diffPlaybooks } from '../src/domain/diff';

const base = findBuiltin('medical-billing-specialist')!;

/** A copy of the library playbook changed by `edit`, as the next version. */
function edited(edit: (p: Playbook) => void): Playbook {
  const next = structuredClone(base);
  next.version = '1.1.0';
  edit(next);
  return next;
}

const item = <T extends Playbook['items'][number]['type']>(p: Playbook, id: string, _type: T) =>
  p.items.find((i) => i.id === id) as Extract<Playbook['items'][number], { type: T }>;

describe('diffPlaybooks', () => {
  it('finds nothing between a version and its republished copy', () => {
    const diff = diffPlaybooks(
      base,
      edited(() => undefined),
    );
    expect(diff.identical).toBe(true);
    expect(diff.playbook).toEqual([]);
    expect(diff.items).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports section weight changes and band changes', () => {
    const diff = diffPlaybooks(
      base,
      edited((p) => {
        p.sections.find((s) => s.id === 'judgment')!.weight = 25;
        p.sections.find((s) => s.id === 'detail')!.weight = 20;
        p.bands.strong = 85;
      }),
    );
    expect(diff.identical).toBe(false);
    expect(diff.sections.weights).toEqual([
      { section: 'judgment', from: 20, to: 25 },
      { section: 'detail', from: 25, to: 20 },
    ]);
    expect(diff.sections.changed).toEqual([
      { id: 'judgment', changes: [{ pointer: '/weight', from: 20, to: 25 }] },
      { id: 'detail', changes: [{ pointer: '/weight', from: 25, to: 20 }] },
    ]);
    expect(diff.bands).toEqual([{ band: 'strong', from: 80, to: 85 }]);
    expect(diff.items.changed).toEqual([]);
  });

  it('reports items added, removed and changed, with their changed fields and key changes', () => {
    const next = edited((p) => {
      item(p, 'sjt-surprise-bill', 'sjt').key = { best: 'b', worst: 'c' };
      item(p, 'sjt-upcode-pressure', 'sjt').prompt = 'A new situation.';
      const invoice = item(p, 'detail-invoice-total', 'detail');
      if (invoice.response.kind === 'number') invoice.response.key = 360;
      p.items = p.items.filter((i) => i.id !== 'written-team-npi-chat');
      p.items.push({ ...item(base, 'detail-denial-rate', 'detail'), id: 'detail-new-rate' });
    });
    const diff = diffPlaybooks(base, next);
    expect(diff.items.added).toEqual([
      { id: 'detail-new-rate', section: 'detail', type: 'detail' },
    ]);
    expect(diff.items.removed).toEqual([
      { id: 'written-team-npi-chat', section: 'written', type: 'written' },
    ]);
    expect(diff.items.changed).toEqual([
      {
        id: 'sjt-surprise-bill',
        section: 'judgment',
        type: 'sjt',
        fields: ['key'],
        keyChanged: true,
        changes: [{ pointer: '/key/worst', from: 'a', to: 'c' }],
      },
      {
        id: 'sjt-upcode-pressure',
        section: 'judgment',
        type: 'sjt',
        fields: ['prompt'],
        keyChanged: false,
        changes: [
          {
            pointer: '/prompt',
            from: item(base, 'sjt-upcode-pressure', 'sjt').prompt,
            to: 'A new situation.',
          },
        ],
      },
      {
        id: 'detail-invoice-total',
        section: 'detail',
        type: 'detail',
        fields: ['response'],
        keyChanged: true,
        changes: [{ pointer: '/response/key', from: 350, to: 360 }],
      },
    ]);
  });

  it('reports role-level fields, red flags and interview questions', () => {
    const diff = diffPlaybooks(
      base,
      edited((p) => {
        p.timeLimitMinutes = 45;
        p.skills = [...p.skills, 'Spreadsheets'];
        p.redFlags = p.redFlags.filter((f) => f.id !== 'privacy-chat');
        p.interview!.questions[0]!.probes = ['What did you say first?'];
      }),
    );
    expect(diff.playbook).toEqual([
      { pointer: '/skills', from: base.skills, to: [...base.skills, 'Spreadsheets'] },
      { pointer: '/timeLimitMinutes', from: base.timeLimitMinutes, to: 45 },
    ]);
    expect(diff.redFlags).toEqual({ added: [], removed: ['privacy-chat'], changed: [] });
    expect(diff.interview.changed.map((c) => c.id)).toEqual(['interview-upset-patient']);
  });
});
