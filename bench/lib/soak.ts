import { rssMb } from './child';
import { runLoad, LoadSpec } from './load';
import { RssSample, soakVerdict, SoakVerdict } from './soak-verdict';

/** Result of a soak: the readings, the verdict and how many requests succeeded. */
export interface SoakResult extends SoakVerdict {
  rate: number;
  samples: RssSample[];
  requests: { ok: number; failed: number };
}

/** Holds a steady rate through our service for `minutes`, printing its RSS every `sampleS` seconds. */
export async function runSoak(pid: number, spec: Omit<LoadSpec, 'durationS' | 'overallRate'>, rate: number, minutes: number, sampleS: number, log: (line: string) => void): Promise<SoakResult> {
  const started = Date.now();
  const samples: RssSample[] = [{ atS: 0, rssMb: rssMb(pid) }];
  log(`soak: ${minutes} min at ${rate} req/s; RSS 0s=${samples[0].rssMb} MB`);
  const timer = setInterval(() => {
    const sample = { atS: Math.round((Date.now() - started) / 1000), rssMb: rssMb(pid) };
    samples.push(sample);
    log(`soak: ${sample.atS}s RSS ${sample.rssMb ?? '?'} MB`);
  }, sampleS * 1000);
  try {
    const result = await runLoad({ ...spec, durationS: Math.round(minutes * 60), overallRate: rate });
    samples.push({ atS: Math.round((Date.now() - started) / 1000), rssMb: rssMb(pid) });
    const verdict = soakVerdict(samples, Math.min(120, (minutes * 60) / 5));
    return { ...verdict, rate, samples, requests: { ok: result.ok, failed: result.non2xx + result.errors + result.timeouts } };
  } finally {
    clearInterval(timer);
  }
}
