import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { allTables, serviceTables, services } from '@assay/manifests';
import { tableName, type TableDefinition } from '@assay/platform/manifest';
import { useTestTables } from '../test-support/dynamo';
import { createTables } from '../src/dynamodb/create-tables';

const { db, stage } = await useTestTables();

async function describeTable(def: TableDefinition, at = stage) {
  const name = tableName(def, at);
  const [{ Table }, { TimeToLiveDescription }] = await Promise.all([
    db.send(new DescribeTableCommand({ TableName: name })),
    db.send(new DescribeTimeToLiveCommand({ TableName: name })),
  ]);
  return {
    stream: Table?.StreamSpecification?.StreamEnabled === true,
    ttl: TimeToLiveDescription?.AttributeName,
    indexes: (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName),
  };
}

describe('local tables', () => {
  it("creates every manifest table, services' extra tables included, as declared", async () => {
    expect(allTables).toEqual(expect.arrayContaining(services.flatMap(serviceTables)));
    for (const def of allTables) {
      expect(await describeTable(def), def.name).toEqual({
        stream: def.outbox,
        ttl: def.ttlAttribute,
        indexes: def.indexes.map((i) => i.name),
      });
    }
  });

  it('gives an extra table of a synthetic service TTL and indexes but no stream', async () => {
    const at = `x${randomBytes(4).toString('hex')}`;
    const main: TableDefinition = { name: 'probe', indexes: [], outbox: true };
    const extra: TableDefinition = {
      name: 'probe-saves',
      indexes: [{ name: 'bySubject', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
      ttlAttribute: 'ttl',
      outbox: false,
    };
    await createTables(
      db,
      serviceTables({
        name: 'probe',
        table: main,
        extraTables: [extra],
        routes: [],
        publishes: [],
        subscribes: [],
        handlers: {},
      }),
      at,
    );
    expect(await describeTable(main, at)).toEqual({ stream: true, ttl: undefined, indexes: [] });
    expect(await describeTable(extra, at)).toEqual({
      stream: false,
      ttl: 'ttl',
      indexes: ['bySubject'],
    });
  });
});
