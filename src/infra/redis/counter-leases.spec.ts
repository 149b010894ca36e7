import { CounterLeases } from './counter-leases';

describe(CounterLeases.name, () => {
  let now: number;
  let leases: CounterLeases;

  beforeEach(() => {
    now = 1_000_000;
    leases = new CounterLeases(100, () => now);
  });

  it('hands out nothing before a lease was granted, then all of several counters or none', () => {
    expect(leases.take(['rpm', 'tpm'], [1, 10])).toBeUndefined();
    leases.granted('rpm', 'rpm', 5, 25, now + 60_000);
    leases.granted('tpm', 'tpm', 15, 215, now + 60_000);
    expect(leases.take(['rpm', 'tpm'], [1, 10])).toEqual([21, 210]);
    // 5 tokens left: a request of 10 takes nothing, not even its request unit.
    expect(leases.take(['rpm', 'tpm'], [1, 10])).toBeUndefined();
    expect(leases.take(['rpm', 'tpm'], [1, 5])).toEqual([22, 215]);
  });

  it('stops lending when the window of the lease has ended', () => {
    leases.granted('rpm', 'rpm', 10, 10, now + 1_000);
    expect(leases.take(['rpm'], [1])).toEqual([1]);
    now += 1_000;
    expect(leases.take(['rpm'], [1])).toBeUndefined();
  });

  it('asks for about a span of the traffic it saw in the last second, one request at a time', () => {
    expect(leases.wanted('openai:rpm', 1)).toBe(1);
    // Another request while the first is still asking: it asks for nothing more.
    expect(leases.wanted('openai:rpm', 1)).toBe(0);
    leases.granted('openai:rpm', 'rpm:1', 1, 2, now + 60_000);
    for (let i = 0; i < 498; i++) leases.noteUse('openai:rpm', 1);
    now += 1_000;
    // 500 requests in the last second × 100 ms = 50.
    expect(leases.wanted('openai:rpm', 1)).toBe(50);
    leases.refused('openai:rpm');
    now += 5_000;
    expect(leases.wanted('openai:rpm', 1)).toBe(1);
  });

  it('adds a new grant to the lease still held for the same window', () => {
    leases.granted('s', 'rpm', 3, 13, now + 60_000);
    leases.granted('s', 'rpm', 2, 20, now + 60_000);
    // 20 charged in all, 5 of them held here: handing all 5 out reaches the shared count, never more.
    expect(leases.take(['rpm'], [5])).toEqual([20]);
    expect(leases.take(['rpm'], [1])).toBeUndefined();
  });

  it('absorbs token corrections in the lease and returns what it cannot hold', () => {
    leases.granted('tpm', 'tpm', 100, 1100, now + 60_000);
    expect(leases.adjust('tpm', 30)).toBe(0);
    expect(leases.adjust('tpm', -50)).toBe(0);
    expect(leases.take(['tpm'], [120])).toEqual([1100]);
    expect(leases.adjust('tpm', 10)).toBe(10);
    expect(leases.adjust('other', -5)).toBe(-5);
  });

  it('gives up what it holds for an exact check, and lends again only what the check grants', () => {
    leases.granted('s', 'tpm', 300, 1000, now + 60_000);
    expect(leases.surrender(['tpm', 'unknown'])).toEqual([300, 0]);
    expect(leases.take(['tpm'], [1])).toBeUndefined();
    leases.granted('s', 'tpm', 50, 760, now + 60_000);
    expect(leases.take(['tpm'], [50])).toEqual([760]);
  });

  it('lends nothing with a span of 0 (every request takes the exact path)', () => {
    const exact = new CounterLeases(0, () => now);
    exact.granted('rpm', 'rpm', 10, 10, now + 60_000);
    expect(exact.wanted('rpm', 1)).toBe(0);
    expect(exact.take(['rpm'], [1])).toBeUndefined();
  });
});
