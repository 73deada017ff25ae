// Is DynamoDB Local itself durable under SIGKILL? Concurrent writers, kill -9 of the JVM,
// restart on the same folder, read back every acknowledged key.
//
//   pnpm exec tsx scripts/faults/dynamodb-durability.ts [rounds]
import { probeDynamoDbLocalDurability } from '../../packages/local/src/dynamodb/durability-probe';

const rounds = Number(process.argv[2] ?? 3);
let lostTotal = 0;
for (let i = 1; i <= rounds; i++) {
  const { acknowledged, lost } = await probeDynamoDbLocalDurability();
  lostTotal += lost.length;
  console.log(
    `round ${i}: ${acknowledged} acknowledged writes, ${lost.length} lost ${lost.slice(0, 5).join(' ')}`,
  );
}
process.exitCode = lostTotal ? 1 : 0;
