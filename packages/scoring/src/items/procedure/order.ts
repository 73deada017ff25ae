// Order scores for matched procedure steps. Inputs are declared step indices in the order the
// answer mentions them.

/**
 * Length of the longest common subsequence between the answer's step order and the declared
 * order. The declared order is ascending, so this is the longest strictly increasing
 * subsequence (patience sorting, O(n log n)).
 */
export function lcsWithDeclaredOrder(mentioned: readonly number[]): number {
  const tails: number[] = [];
  for (const value of mentioned) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = value;
  }
  return tails.length;
}

/** Precedence pairs [before, after] whose steps were both mentioned: how many hold, of how many. */
export function precedenceSatisfied(
  positionOf: ReadonlyMap<string, number>,
  pairs: readonly (readonly [string, string])[],
): { satisfied: number; applicable: number } {
  let satisfied = 0;
  let applicable = 0;
  for (const [before, after] of pairs) {
    const a = positionOf.get(before);
    const b = positionOf.get(after);
    if (a === undefined || b === undefined) continue;
    applicable++;
    if (a < b) satisfied++;
  }
  return { satisfied, applicable };
}
