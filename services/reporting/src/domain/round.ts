/** Half away from zero, immune to 1.005-style binary artefacts: how the engine rounds output. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(scaled + scaled * Number.EPSILON) / factor;
  return value < 0 ? (rounded === 0 ? 0 : -rounded) : rounded;
}
