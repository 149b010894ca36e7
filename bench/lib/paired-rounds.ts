/** The median and range of this/base ratios taken round by round (each round runs base, then this, back to back). */
export interface PairedRatio {
  median: number;
  min: number;
  max: number;
}

/**
 * Ratios of `after[i] / before[i]` for each round, summarised by their median: one round disturbed by the machine
 * (here an 8-second round can move 25 %) moves the median far less than the ratio of the totals.
 */
export function pairedRatio(before: number[], after: number[]): PairedRatio {
  if (before.length !== after.length || before.length === 0) throw new Error('pairedRatio needs the same number of rounds on both sides, at least one');
  const ratios = before.map((value, i) => after[i] / value).sort((x, y) => x - y);
  const middle = ratios.length >> 1;
  const median = ratios.length % 2 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
  return { median, min: ratios[0], max: ratios[ratios.length - 1] };
}

/** "×1.05 (×0.76–×1.11 over 3 rounds)". */
export function describeRatio(ratio: PairedRatio, rounds: number): string {
  return `×${ratio.median.toFixed(2)} (×${ratio.min.toFixed(2)}–×${ratio.max.toFixed(2)} over ${rounds} rounds)`;
}
