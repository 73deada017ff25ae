// Audit chain throughput on an in-memory DynamoDB Local: sequential appends, then a full verify.
//   pnpm exec tsx services/reporting/bench/audit.ts [entries]
import { createEvent, sessionDeadlineReached } from '@assay/events';
import { createTables, startDynamoDbLocal } from '@assay/local';
import { dynamoClient, resetDynamoClient } from '@assay/platform';
import { appendToAudit, verifyAudit } from '../src/domain/audit-log';
import { reportingService } from '../src/service';
import { ReportingStore } from '../src/store';

const entries = Number(process.argv[2] ?? 2_000);
const dynamo = await startDynamoDbLocal();
try {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.ASSAY_STAGE = 'bench';
  resetDynamoClient();
  await createTables(dynamoClient(), [reportingService.table], 'bench');
  const store = new ReportingStore(dynamoClient());
  const ctx = { tenantId: 'bench', correlationId: 'bench' };
  let start = performance.now();
  for (let i = 0; i < entries; i++) {
    await appendToAudit(
      store,
      createEvent(sessionDeadlineReached, ctx, { sessionId: `ses_${i % 50}` }),
    );
  }
  const appendSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const verification = await verifyAudit(store, 'bench');
  const verifySeconds = (performance.now() - start) / 1000;
  if (!verification.ok)
    throw new Error(`chain broken: ${JSON.stringify(verification.firstBroken)}`);
  console.log(
    `${entries} entries: append ${(entries / appendSeconds).toFixed(0)} entries/s (one at a time), verify ${(verification.entries / verifySeconds).toFixed(0)} entries/s (${verifySeconds.toFixed(2)} s)`,
  );
} finally {
  await dynamo.stop();
}
