// Audit chain throughput on an in-memory DynamoDB Local: appends one at a time, then a burst of
// concurrent appends for one tenant (the load shape: many events of one tenant at once), then
// a full verify.
//   pnpm exec tsx services/reporting/bench/audit.ts [entries] [concurrent]
import { createEvent, sessionDeadlineReached } from '@assay/events';
import { createTables, startDynamoDbLocal } from '@assay/local';
import { dynamoClient, resetDynamoClient } from '@assay/platform';
import { appendToAudit, verifyAudit } from '../src/domain/audit-log';
import { reportingService } from '../src/service';
import { ReportingStore } from '../src/store';

const entries = Number(process.argv[2] ?? 2_000);
const concurrent = Number(process.argv[3] ?? 500);
const dynamo = await startDynamoDbLocal();
try {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.ASSAY_STAGE = 'bench';
  resetDynamoClient();
  await createTables(dynamoClient(), [reportingService.table], 'bench');
  const store = new ReportingStore(dynamoClient());
  const ctx = { tenantId: 'bench', correlationId: 'bench' };
  const next = (i: number) =>
    createEvent(sessionDeadlineReached, ctx, { sessionId: `ses_${i % 50}` });

  let start = performance.now();
  for (let i = 0; i < entries; i++) await appendToAudit(store, next(i));
  const oneAtATime = entries / ((performance.now() - start) / 1000);

  start = performance.now();
  await Promise.all(Array.from({ length: concurrent }, (_, i) => appendToAudit(store, next(i))));
  const burst = concurrent / ((performance.now() - start) / 1000);

  start = performance.now();
  const verification = await verifyAudit(store, 'bench');
  const verifySeconds = (performance.now() - start) / 1000;
  if (!verification.ok || verification.entries !== entries + concurrent)
    throw new Error(`chain broken: ${JSON.stringify(verification)}`);
  console.log(
    `append ${oneAtATime.toFixed(0)} entries/s one at a time (${entries}), ` +
      `${burst.toFixed(0)} entries/s in a burst of ${concurrent} concurrent; ` +
      `verify ${(verification.entries / verifySeconds).toFixed(0)} entries/s (${verifySeconds.toFixed(2)} s)`,
  );
} finally {
  await dynamo.stop();
}
