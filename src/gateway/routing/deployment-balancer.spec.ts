import { loadConfig } from 'src/config';
import { MemoryKvStore } from 'src/infra/redis';
import type { CatalogModel, Deployment } from '../catalog/model-catalog';
import type { ProviderRegistry } from '../providers/provider.registry';
import { SharedCircuitBreakers } from '../resilience/circuit-breaker';
import { DeploymentBalancer } from './deployment-balancer';

const deployment = (id: string, weight: number): Deployment => ({ id, provider: 'openai', vendorModel: 'gpt-4o-mini', weight });
const model = (...deployments: Deployment[]): CatalogModel => ({
  id: 'gpt-4o-mini',
  provider: 'openai',
  vendorModel: 'gpt-4o-mini',
  contextWindow: 1,
  prices: { input: '1', output: '1', cacheRead: '1', cacheWrite: '1' },
  deployments,
});

function build(strategy: string, served = (d: Deployment) => d.id !== 'no-key') {
  const breakers = new SharedCircuitBreakers(new MemoryKvStore(), { failureThreshold: 1, openMs: 60_000 });
  const providers = { serves: served } as unknown as ProviderRegistry;
  return { sut: new DeploymentBalancer(loadConfig({ LOAD_BALANCING: strategy }), providers, breakers), breakers };
}

describe(DeploymentBalancer.name, () => {
  it('puts each deployment first in proportion to its weight', () => {
    const { sut } = build('weighted');
    let seed = 1;
    sut.random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const firsts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++) firsts[sut.arrange(model(deployment('a', 3), deployment('b', 1)))[0].id as 'a' | 'b'] += 1;
    expect(firsts.a / firsts.b).toBeGreaterThan(2.5);
    expect(firsts.a / firsts.b).toBeLessThan(3.5);
  });

  it('leaves out deployments without an account and puts open breakers last', async () => {
    const { sut, breakers } = build('weighted');
    await breakers.recordFailure('a');
    expect(sut.arrange(model(deployment('a', 100), deployment('no-key', 1), deployment('b', 1))).map((d) => d.id)).toEqual(['b', 'a']);
  });

  it('prefers the deployment with fewer requests in flight, or the lower recent latency', () => {
    const busy = build('least-busy').sut;
    busy.started('a');
    expect(busy.arrange(model(deployment('a', 1), deployment('b', 1)))[0].id).toBe('b');
    busy.finished('a');
    const fast = build('lowest-latency').sut;
    fast.started('a');
    fast.finished('a', 900);
    fast.started('b');
    fast.finished('b', 100);
    expect(fast.arrange(model(deployment('a', 1), deployment('b', 1)))[0].id).toBe('b');
  });
});
