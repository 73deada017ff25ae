import { describe, expect, it } from 'vitest';
import type { ServiceManifest } from '@assay/platform/manifest';
import { allTables, platformTables, serviceTables, services, tablesOf } from '../src/index';

const probe: ServiceManifest = {
  name: 'probe',
  table: { name: 'probe', indexes: [], outbox: true },
  extraTables: [{ name: 'probe-saves', indexes: [], ttlAttribute: 'ttl', outbox: false }],
  routes: [],
  publishes: [],
  subscribes: [],
  handlers: {},
};

describe('manifest tables', () => {
  it("lists a service's main table first, then its extra tables", () => {
    expect(serviceTables(probe).map((t) => t.name)).toEqual(['probe', 'probe-saves']);
    expect(serviceTables({ ...probe, extraTables: undefined }).map((t) => t.name)).toEqual([
      'probe',
    ]);
  });

  it('puts extra tables in the region list beside the platform tables', () => {
    expect(tablesOf([probe]).map((t) => t.name)).toEqual([
      ...platformTables.map((t) => t.name),
      'probe',
      'probe-saves',
    ]);
  });

  it('has every declared table of the platform in allTables, each once', () => {
    const declared = [...platformTables, ...services.flatMap(serviceTables)];
    expect(allTables).toEqual(declared);
    expect(new Set(allTables.map((t) => t.name)).size).toBe(allTables.length);
  });

  it('refuses an extra table with an outbox, naming the service and table', () => {
    const broken = { ...probe, extraTables: [{ name: 'loud', indexes: [], outbox: true }] };
    expect(() => serviceTables(broken)).toThrow(/"probe" declares extraTables "loud"/);
  });

  it('refuses two tables of one name', () => {
    const twice = { ...probe, extraTables: [{ name: 'probe', indexes: [], outbox: false }] };
    expect(() => tablesOf([twice])).toThrow(/"probe" is declared twice/);
  });
});
