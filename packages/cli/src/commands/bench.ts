// `assay bench <name>`: benchmarks. Each one lives in ../bench/<name>.ts and is loaded lazily,
// so the scoring bench never pulls in the local stack. `content` and `slice` belong to their
// services' owners; this file only routes to them.
import { CliError } from '../cli-error';

const benches: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  content: async () => (await import('../bench/content')).runContentBench,
  cost: async () => (await import('../bench/cost')).runCostBench,
  scoring: async () => (await import('../bench/scoring')).runScoringBench,
  slice: async () => (await import('../bench/slice')).runSliceBench,
  load: async () => (await import('../bench/load')).runLoadBench,
};

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name === undefined ? undefined : benches[name];
  if (load === undefined)
    throw new CliError(`usage: assay bench ${Object.keys(benches).join('|')} [options]`);
  return (await load())(rest);
}
