import { MemoryKvStore } from 'src/infra/redis';
import { BreakerState, SharedCircuitBreakers } from './circuit-breaker';

describe(SharedCircuitBreakers.name, () => {
  let now: number;
  let kv: MemoryKvStore;
  const clock = () => now;
  const build = () => new SharedCircuitBreakers(kv, { failureThreshold: 5, openMs: 10_000 }, clock);

  beforeEach(() => {
    now = 1_000_000;
    kv = new MemoryKvStore(clock);
  });

  const fail = async (sut: SharedCircuitBreakers, times: number) => {
    const states: BreakerState[] = [];
    for (let i = 0; i < times; i++) states.push(await sut.recordFailure('openai'));
    return states;
  };

  it('opens on the fifth consecutive failure and refuses requests while open', async () => {
    const sut = build();
    await sut.start(['openai']);
    expect(await fail(sut, 5)).toEqual(['closed', 'closed', 'closed', 'closed', 'open']);
    expect(await sut.allow('openai')).toBe(false);
    expect(await sut.allow('anthropic')).toBe(true);
  });

  it('starts counting again after a success', async () => {
    const sut = build();
    await fail(sut, 4);
    await sut.recordSuccess('openai');
    expect(await fail(sut, 4)).not.toContain('open');
  });

  it('resets the shared failure count on a success at a replica that saw none of the failures', async () => {
    const a = build();
    const b = build();
    await Promise.all([a.start(['openai']), b.start(['openai'])]);
    await fail(a, 4);
    await b.recordSuccess('openai');
    expect(await fail(a, 4)).not.toContain('open');
  });

  it('lets exactly one trial through once the open period is over; a good trial closes it', async () => {
    const sut = build();
    await fail(sut, 5);
    now += 10_000;
    expect(sut.state('openai')).toBe('half-open');
    expect([await sut.allow('openai'), await sut.allow('openai')]).toEqual([true, false]);
    await sut.recordSuccess('openai');
    expect(sut.state('openai')).toBe('closed');
    expect(await sut.allow('openai')).toBe(true);
  });

  it('reopens at once when the trial fails', async () => {
    const sut = build();
    await fail(sut, 5);
    now += 10_000;
    await sut.allow('openai');
    expect(await sut.recordFailure('openai')).toBe('open');
    now += 9_999;
    expect(await sut.allow('openai')).toBe(false);
  });

  it('shares the state between replicas on one store, and tells listeners', async () => {
    const a = build();
    const b = build();
    const seen: string[] = [];
    b.onChange((provider, state) => seen.push(`${provider}:${state}`));
    await Promise.all([a.start(['openai']), b.start(['openai'])]);
    await fail(a, 5);
    expect(b.state('openai')).toBe('open');
    await b.close('openai');
    expect(a.state('openai')).toBe('closed');
    expect(seen).toEqual(['openai:open', 'openai:closed']);
    const late = build();
    await a.recordFailure('openai');
    await fail(a, 4);
    await late.start(['openai']);
    expect(late.state('openai')).toBe('open');
  });
});
