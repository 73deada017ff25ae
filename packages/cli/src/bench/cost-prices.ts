// List prices for `assay bench cost`: us-east-1, on-demand, no free tier, in USD per unit.
// Each line names its source page. PRICES_AS_OF is when they were recorded here (from those
// pages as last known, not re-fetched by the bench): check the sources before quoting a figure.
// When a price changes, change it here only (docs/cost.md is generated from this table).

export const PRICES_AS_OF = '2026-11-23';
export const PRICE_REGION = 'us-east-1';

export interface Price {
  usd: number;
  unit: string;
  source: string;
  note?: string;
}

const perMillion = (usd: number) => usd / 1e6;

export const PRICES = {
  apiRequest: {
    usd: perMillion(1.0),
    unit: 'HTTP API request (per 512 KB)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    note: 'first 300 M a month',
  },
  cloudFrontRequest: {
    usd: 0.01 / 10_000,
    unit: 'CloudFront HTTPS request',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    note: 'United States/Europe; the always-free tier covers 10 M a month',
  },
  lambdaRequest: {
    usd: perMillion(0.2),
    unit: 'Lambda request',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  lambdaGbSecond: {
    usd: 0.0000133334,
    unit: 'Lambda GB-second (arm64)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    note: 'first 7.5 B GB-s a month',
  },
  dynamoWrite: {
    usd: perMillion(0.625),
    unit: 'DynamoDB write request unit (on-demand)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    note: 'since the on-demand price cut of 2024-11-01',
  },
  dynamoRead: {
    usd: perMillion(0.125),
    unit: 'DynamoDB read request unit (on-demand)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  streamRead: {
    usd: 0.02 / 100_000,
    unit: 'DynamoDB Streams read request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    note: 'first 2.5 M a month free; Pipes poll each shard about 4 times a second',
  },
  busEvent: {
    usd: perMillion(1.0),
    unit: 'EventBridge custom event (per 64 KB)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
  },
  pipeRequest: {
    usd: perMillion(0.4),
    unit: 'EventBridge Pipes request (per 64 KB, after filtering)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
  },
  schedulerInvocation: {
    usd: perMillion(1.0),
    unit: 'EventBridge Scheduler invocation',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    note: 'first 14 M a month free; API calls such as CreateSchedule are not billed',
  },
  logsIngestedGb: {
    usd: 0.5,
    unit: 'CloudWatch Logs GB ingested (standard)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
  },
  xrayTrace: {
    usd: perMillion(5.0),
    unit: 'X-Ray trace recorded',
    source: 'https://aws.amazon.com/xray/pricing/',
    note: 'first 100,000 a month free',
  },
} satisfies Record<string, Price>;

export type PriceKey = keyof typeof PRICES;

/** X-Ray's default sampling rule beyond its reservoir of one trace a second. */
export const XRAY_SAMPLING_RATE = 0.05;
