/** One resident-memory reading during a soak. */
export interface RssSample {
  atS: number;
  rssMb?: number;
}

/** The soak's verdict: memory is flat when the last reading is within `tolerance` of the baseline reading. */
export interface SoakVerdict {
  verdict: 'flat' | 'growing' | 'shrinking' | 'unknown';
  baselineMb?: number;
  lastMb?: number;
}

/**
 * Baseline = the first reading at or after `baselineAtS` (minute 2 by default: start-up and JIT warm-up over),
 * or the middle reading when the soak is shorter than that.
 */
export function soakVerdict(samples: RssSample[], baselineAtS = 120, tolerance = 0.15): SoakVerdict {
  const known = samples.filter((s): s is Required<RssSample> => s.rssMb !== undefined);
  if (known.length < 2) return { verdict: 'unknown', lastMb: known[0]?.rssMb };
  const baseline = known.find((s) => s.atS >= baselineAtS && s !== known[known.length - 1]) ?? known[Math.floor((known.length - 1) / 2)];
  const last = known[known.length - 1];
  const change = (last.rssMb - baseline.rssMb) / baseline.rssMb;
  const verdict = Math.abs(change) <= tolerance ? 'flat' : change > 0 ? 'growing' : 'shrinking';
  return { verdict, baselineMb: baseline.rssMb, lastMb: last.rssMb };
}
