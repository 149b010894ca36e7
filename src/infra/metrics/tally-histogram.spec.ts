import { Histogram, Registry } from 'prom-client';
import { TallyHistogram } from './tally-histogram';

const BUCKETS = [0.05, 0.1, 0.5, 1, 5];
const OBSERVATIONS: Array<[string, string, number]> = [
  ['openai', 'gpt-4o-mini', 0.04],
  ['openai', 'gpt-4o-mini', 0.05],
  ['openai', 'gpt-4o-mini', 0.3],
  ['anthropic', 'claude', 7],
  ['openai', 'gpt-4o-mini', 1],
  ['anthropic', 'claude', 0.1],
  ['gemini', 'a "quoted"\\model', 0.2],
];

function registryWith(make: (registry: Registry) => (provider: string, model: string, value: number) => void): { registry: Registry; observe: (p: string, m: string, v: number) => void } {
  const registry = new Registry();
  return { registry, observe: make(registry) };
}

describe('TallyHistogram', () => {
  it('writes out exactly what prom-client writes for the same observations', async () => {
    const plain = registryWith((registry) => {
      const h = new Histogram({ name: 'latency_seconds', help: 'Latency', labelNames: ['provider', 'model'], buckets: BUCKETS, registers: [registry] });
      return (provider, model, value) => h.observe({ provider, model }, value);
    });
    const tallied = registryWith((registry) => {
      const h = new TallyHistogram({ name: 'latency_seconds', help: 'Latency', labelNames: ['provider', 'model'], buckets: BUCKETS, registers: [registry] });
      return (provider, model, value) => h.series(provider, model).observe(value);
    });
    for (const [provider, model, value] of OBSERVATIONS) {
      plain.observe(provider, model, value);
      tallied.observe(provider, model, value);
    }
    const text = await tallied.registry.metrics();
    expect(text).toBe(await plain.registry.metrics());
    expect(text).toContain('latency_seconds_bucket{le="0.05",provider="openai",model="gpt-4o-mini"} 2');
    expect(text).toContain('latency_seconds_count{provider="anthropic",model="claude"} 2');
    expect(await tallied.registry.getMetricsAsJSON()).toEqual(await plain.registry.getMetricsAsJSON());
  });

  it('keeps one series per label combination and counts a histogram without labels', async () => {
    const registry = new Registry();
    const h = new TallyHistogram({ name: 'overhead_seconds', help: 'Overhead', buckets: [0.001, 0.01], registers: [registry] });
    expect(h.series()).toBe(h.series());
    h.series().observe(0.0005);
    h.series().observe(0.02);
    h.series().observe(Number.NaN); // not a measurement: skipped, never a throw on the request path
    const text = await registry.metrics();
    expect(text).toContain('overhead_seconds_bucket{le="0.001"} 1');
    expect(text).toContain('overhead_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain('overhead_seconds_sum 0.0205');
    h.reset();
    expect(await registry.metrics()).not.toContain('overhead_seconds_count');
  });

  it('refuses a wrong number of label values', () => {
    const h = new TallyHistogram({ name: 'x_seconds', help: 'x', labelNames: ['provider', 'model'], buckets: [1], registers: [] });
    expect(() => h.series('openai')).toThrow('x_seconds takes 2 label values (provider, model), not 1');
  });
});
