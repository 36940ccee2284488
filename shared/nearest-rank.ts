/**
 * Nearest-rank percentiles, the one definition every figure uses: the p-th percentile of n
 * values sorted ascending is the value at rank ceil(p/100 × n) (1-based). No interpolation,
 * so every figure is a real measurement.
 */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}
