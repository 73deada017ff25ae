// Deterministic rounding for reported numbers. Scores are computed in full precision and
// rounded only for output, so rounding never compounds.

/** Round half away from zero to `decimals` places, immune to 1.005-style binary artefacts. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(scaled + scaled * Number.EPSILON) / factor;
  return value < 0 ? (rounded === 0 ? 0 : -rounded) : rounded;
}
