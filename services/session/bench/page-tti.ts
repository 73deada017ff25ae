// Time to interactive of the candidate page (services/session/web) in headless Chromium.
//   pnpm exec tsx services/session/bench/page-tti.ts [runs=30]
// The runner lives with the other benches in packages/cli, which carries playwright-core.
import { runPageTtiBench } from '../../../packages/cli/src/bench/page-tti';

await runPageTtiBench(Number(process.argv[2] ?? 30));
