export { CostMeter, type DynamoUsage, type LambdaUsage, type MeterSnapshot } from './cost-meter';
export { meterDynamoClient, meterStreamsClient } from './dynamo-meter';
export {
  meterLambda,
  serviceFunctionName,
  currentFunction,
  recordInvocation,
  ENRICHMENT_FUNCTION,
} from './lambda-meter';
export { captureLogs } from './log-meter';
export { meterBus, meterPipe } from './bus-meter';
export { meterServices } from './service-meter';
