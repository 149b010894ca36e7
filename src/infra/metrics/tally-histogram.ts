import { Histogram, type Registry } from 'prom-client';

/** One label combination of a TallyHistogram: its bucket counts, sum and count, updated in place. */
export class HistogramSeries {
  /** Observations per bucket (not cumulative); the last slot is above every bound. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Readonly<Record<string, string>>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    let bucket = 0;
    while (bucket < this.bounds.length && value > this.bounds[bucket]) bucket++;
    this.counts[bucket]++;
    this.sum += value;
    this.count++;
  }
}

type ExportedValue = { labels: Record<string, string | number>; sharedLabels: Readonly<Record<string, string>>; value: number; metricName: string; exemplar?: null };
type ExportedMetric = { values: ExportedValue[] };

/**
 * A prom-client histogram observed without prom-client's per-call work. `Histogram.observe` builds a closure, validates
 * the labels and hashes them into a string on every call (three histograms per gateway request: a few microseconds
 * each, the largest part of what metrics cost a request). Here a caller keeps a label combination's HistogramSeries
 * (or looks it up with `series`) and an observation is a bucket search and three additions. The series are written
 * out in prom-client's own format when Prometheus scrapes; anything observed through the inherited API is kept
 * and exported by prom-client as before.
 */
export class TallyHistogram<L extends string = string> extends Histogram<L> {
  private readonly tallies = new Map<string, HistogramSeries>();
  private readonly bounds: readonly number[];
  private readonly names: readonly L[];
  private readonly metricName: string;

  constructor(config: { name: string; help: string; labelNames?: readonly L[]; buckets: number[]; registers?: Registry[] }) {
    super({ name: config.name, help: config.help, labelNames: [...(config.labelNames ?? [])], buckets: config.buckets, ...(config.registers ? { registers: config.registers } : {}) });
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    this.names = config.labelNames ?? [];
    this.metricName = config.name;
  }

  /** The series of these label values, given in `labelNames` order (none for a histogram without labels). */
  series(...values: string[]): HistogramSeries {
    const key = values.length === 1 ? values[0] : values.join('\u0000');
    let series = this.tallies.get(key);
    if (!series) {
      if (values.length !== this.names.length) throw new Error(`${this.metricName} takes ${this.names.length} label values (${this.names.join(', ')}), not ${values.length}`);
      const labels: Record<string, string> = {};
      this.names.forEach((name, i) => (labels[name] = values[i]));
      series = new HistogramSeries(labels, this.bounds);
      this.tallies.set(key, series);
    }
    return series;
  }

  /** What prom-client's registry writes out (and `get()` reads): the inherited series, then the tallied ones. */
  async getForPromString(): Promise<ExportedMetric> {
    const inherited = (Histogram.prototype as unknown as { getForPromString(this: Histogram<L>): Promise<ExportedMetric> }).getForPromString;
    const metric = await inherited.call(this);
    const bucketName = `${this.metricName}_bucket`;
    for (const series of this.tallies.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += series.counts[i];
        metric.values.push({ labels: { le: bound }, sharedLabels: series.labels, value: cumulative, metricName: bucketName, exemplar: null });
      });
      metric.values.push(
        { labels: { le: '+Inf' }, sharedLabels: series.labels, value: series.count, metricName: bucketName, exemplar: null },
        { labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${this.metricName}_sum` },
        { labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${this.metricName}_count` },
      );
    }
    return metric;
  }

  reset(): void {
    super.reset();
    this.tallies?.clear(); // undefined while prom-client's constructor calls reset()
  }
}
