import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { CostMeter } from './cost-meter';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

interface Capacity {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

type Input = Record<string, unknown> & {
  TableName?: string;
  ReturnConsumedCapacity?: string;
  TransactItems?: Record<string, { TableName?: string }>[];
  RequestItems?: Record<string, unknown[] | { Keys?: unknown[] }>;
};

const MIDDLEWARE = 'assayCostMeter';

/**
 * Asks DynamoDB for the capacity of every call that can report it (ReturnConsumedCapacity
 * TOTAL) and adds it to the meter per table and operation. Transactions report per table.
 * Only for the local stack's metered runs: production clients never carry this middleware.
 */
export function meterDynamoClient(client: DynamoDBClient, meter: CostMeter): void {
  if (client.middlewareStack.identify().some((name) => name.startsWith(MIDDLEWARE))) return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      const metered = READS.has(operation) || WRITES.has(operation);
      const input = args.input as Input;
      if (metered) input.ReturnConsumedCapacity = 'TOTAL';
      try {
        const result = await next(args);
        if (metered)
          record(meter, operation, input, result.output as { ConsumedCapacity?: unknown });
        return result;
      } catch (error) {
        if (metered) recordFailure(meter, operation, input);
        throw error;
      }
    },
    { step: 'initialize', name: MIDDLEWARE },
  );
}

/** Counts every call the outbox relay makes to DynamoDB Streams (GetRecords above all). */
export function meterStreamsClient(client: DynamoDBStreamsClient, meter: CostMeter): void {
  client.middlewareStack.add(
    (next, context) => (args) => {
      meter.streamCall(String(context.commandName ?? '').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: `${MIDDLEWARE}Streams` },
  );
}

function record(
  meter: CostMeter,
  operation: string,
  input: Input,
  output: { ConsumedCapacity?: unknown },
): void {
  const reported = output.ConsumedCapacity;
  const capacities = (
    Array.isArray(reported) ? reported : reported ? [reported] : []
  ) as Capacity[];
  if (capacities.length === 0) {
    meter.dynamoCall(tablesOf(input)[0] ?? '?', operation, { read: 0, write: 0 });
    return;
  }
  for (const c of capacities) {
    const total = c.CapacityUnits ?? 0;
    const split = c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined;
    meter.dynamoCall(c.TableName ?? tablesOf(input)[0] ?? '?', operation, {
      read: split ? (c.ReadCapacityUnits ?? 0) : READS.has(operation) ? total : 0,
      write: split ? (c.WriteCapacityUnits ?? 0) : WRITES.has(operation) ? total : 0,
    });
  }
}

/**
 * A refused call (a condition that did not hold, a cancelled transaction) reports no capacity,
 * yet AWS bills a failed conditional write: one unit per item, two in a transaction.
 */
function recordFailure(meter: CostMeter, operation: string, input: Input): void {
  const tables = tablesOf(input);
  const units = operation.startsWith('Transact') ? 2 : 1;
  for (const table of new Set(tables.length ? tables : ['?'])) {
    const perTable = tables.length ? tables.filter((t) => t === table).length : 1;
    meter.dynamoCall(
      table,
      operation,
      WRITES.has(operation)
        ? { read: 0, write: units * perTable }
        : { read: 0.5 * units * perTable, write: 0 },
      true,
    );
  }
}

function tablesOf(input: Input): string[] {
  if (input.TableName) return [input.TableName];
  if (input.TransactItems)
    return input.TransactItems.flatMap((item) =>
      Object.values(item).flatMap((op) => (op?.TableName ? [op.TableName] : [])),
    );
  return Object.keys(input.RequestItems ?? {});
}
