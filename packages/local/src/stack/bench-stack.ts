import { startLocalStack, type LocalStack, type LocalStackOptions } from './local-stack';

/**
 * A fresh in-memory stack for benchmarks: request logs off (they would drown the figures) and
 * no rate limit (the benchmark's own probing is not a client to protect against). The cost
 * bench passes a meter and a clock.
 */
export function startBenchStack(
  options: Pick<LocalStackOptions, 'meter' | 'clock'> = {},
): Promise<LocalStack> {
  process.env.ASSAY_LOG_LEVEL ??= 'WARN';
  process.env.ASSAY_RATE_LIMIT_RPS ??= 'off';
  return startLocalStack({ port: 0, ...options });
}
