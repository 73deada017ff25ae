// Memory of each deployed function, by its label (`<service>-<construct id>`, as HandlerFunction
// names it). No CDK imports: `assay bench cost` reads the same numbers to price GB-seconds.

/** Every function not listed below. */
export const DEFAULT_MEMORY_MB = 512;

/** Sizes that differ from the default, with the reason. */
export const FUNCTION_MEMORY_MB: Readonly<Record<string, number>> = {};

export function functionMemoryMb(label: string): number {
  return FUNCTION_MEMORY_MB[label] ?? DEFAULT_MEMORY_MB;
}
