// Is DynamoDB Local itself durable under SIGKILL? Concurrent writers, kill -9 of the JVM,
// restart on the same folder, read back every acknowledged key.
//
//   pnpm exec tsx scripts/faults/dynamodb-durability.ts [rounds]
import { probeDynamoDbLocalDurability } from '../../packages/local/src/dynamodb/durability-probe';

const rounds = Number(process.argv[2] ?? 3);
let lostTotal = 0;
const totals: Record<string, { acknowledged: number; lost: number }> = {};
for (let i = 1; i <= rounds; i++) {
  const { acknowledged, lost, byCall } = await probeDynamoDbLocalDurability();
  lostTotal += lost.length;
  for (const [call, n] of Object.entries(byCall)) {
    const t = (totals[call] ??= { acknowledged: 0, lost: 0 });
    t.acknowledged += n.acknowledged;
    t.lost += n.lost;
  }
  console.log(
    `round ${i}: ${acknowledged} acknowledged writes, ${lost.length} lost ${lost.slice(0, 5).join(' ')}`,
  );
}
for (const [call, t] of Object.entries(totals))
  console.log(`${call}: ${t.lost} of ${t.acknowledged} acknowledged writes lost`);
process.exitCode = lostTotal ? 1 : 0;
