// Each step of the round prints one line when it ends: a tick, what happened, how long it took.
// A failing step prints a cross and its error travels on to the command's one-line message.
export type StepOutput = (line: string) => void;

export function stepRunner(out: StepOutput) {
  return async function step<T>(
    title: string,
    work: () => Promise<T>,
    detail?: (result: T) => string,
  ): Promise<T> {
    const started = performance.now();
    try {
      const result = await work();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      out(`  ✓ ${title}${detail ? ` — ${detail(result)}` : ''} (${seconds} s)`);
      return result;
    } catch (err) {
      out(`  ✗ ${title}`);
      throw err;
    }
  };
}
