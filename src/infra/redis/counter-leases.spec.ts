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

  it('lends from one counter as take does, all of the amount or nothing', () => {
    expect(leases.takeOne('hits', 1)).toBeUndefined();
    leases.granted('hits', 'hits', 2, 12, now + 60_000);
    expect([leases.takeOne('hits', 1), leases.takeOne('hits', 2), leases.takeOne('hits', 1), leases.takeOne('hits', 1)]).toEqual([11, undefined, 12, undefined]);
    leases.granted('hits', 'hits', 3, 20, now + 60_000);
    now += 60_000;
    expect(leases.takeOne('hits', 1)).toBeUndefined(); // the window ended
  });

  it('asks for about a span of the traffic it saw in the last second (four requests at least), one request at a time', () => {
    expect(leases.wanted('openai:rpm', 1)).toBe(4);
    // Another request while the first is still asking: it asks for nothing more.
    expect(leases.wanted('openai:rpm', 1)).toBe(0);
    leases.granted('openai:rpm', 'rpm:1', 1, 2, now + 60_000);
    for (let i = 0; i < 498; i++) leases.noteUse('openai:rpm', 1);
    now += 1_000;
    // 500 requests in the last second × 100 ms = 50.
    expect(leases.wanted('openai:rpm', 1)).toBe(50);
    leases.refused('openai:rpm');
    now += 5_000;
    expect(leases.wanted('openai:rpm', 1)).toBe(4);
    expect(leases.wanted('openai:tpm', 300)).toBe(1200);
  });

  it('lets requests that find the lease empty wait for the one being asked for', async () => {
    expect(leases.inFlight(['s'])).toBeUndefined();
    expect(leases.wanted('s', 1)).toBe(4);
    const waiting = leases.inFlight(['other', 's']);
    expect(waiting).toBeDefined();
    let woke = false;
    void waiting!.then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    leases.granted('s', 'rpm', 4, 10, now + 60_000);
    await waiting;
    expect(leases.inFlight(['s'])).toBeUndefined();
    expect(leases.take(['rpm'], [1])).toEqual([7]);
  });

  it('counting uses and corrections never leaves a lease being asked for', () => {
    leases.noteUse('s', 1);
    now += 3_000;
    leases.noteUse('s', 1);
    leases.granted('s', 'tpm', 10, 110, now + 60_000);
    leases.adjust('s', 'tpm', 50);
    expect(leases.inFlight(['s'])).toBeUndefined();
    expect(leases.wanted('s', 1)).toBeGreaterThan(0);
  });

  it('adds a new grant to the lease still held for the same window', () => {
    leases.granted('s', 'rpm', 3, 13, now + 60_000);
    leases.granted('s', 'rpm', 2, 20, now + 60_000);
    // 20 charged in all, 5 of them held here: handing all 5 out reaches the shared count, never more.
    expect(leases.take(['rpm'], [5])).toEqual([20]);
    expect(leases.take(['rpm'], [1])).toBeUndefined();
  });

  it('absorbs token corrections in the lease, as a debt past it, and returns those of windows it holds no lease for', () => {
    leases.granted('tpm', 'tpm', 100, 1100, now + 60_000);
    expect(leases.adjust('s', 'tpm', 30)).toBe(0);
    expect(leases.adjust('s', 'tpm', -50)).toBe(0);
    expect(leases.take(['tpm'], [120])).toEqual([1100]);
    // Spending past the lease leaves a debt: nothing more is lent, and the next exact check charges it.
    expect(leases.adjust('s', 'tpm', 10)).toBe(0);
    expect(leases.take(['tpm'], [1])).toBeUndefined();
    expect(leases.surrender(['tpm'])).toEqual([-10]);
    expect(leases.adjust('s', 'other', -5)).toBe(-5);
  });

  it('gives up what it holds for an exact check, and lends again only what the check grants', () => {
    leases.granted('s', 'tpm', 300, 1000, now + 60_000);
    expect(leases.surrender(['tpm', 'unknown'])).toEqual([300, 0]);
    expect(leases.take(['tpm'], [1])).toBeUndefined();
    leases.granted('s', 'tpm', 50, 760, now + 60_000);
    expect(leases.take(['tpm'], [50])).toEqual([760]);
  });

  it('asks for a top-up once a quarter of the latest grant is left, one at a time, and adds it to what is left', () => {
    leases.granted('rpm', 'rpm:1', 8, 8, now + 60_000);
    for (let i = 0; i < 5; i++) leases.takeOne('rpm:1', 1);
    expect(leases.runLow(['rpm'], ['rpm:1'])).toBe(false); // 3 of 8 left
    expect(leases.takeOne('rpm:1', 1)).toBe(6);
    expect(leases.runLow(['rpm'], ['rpm:1'])).toBe(true); // 2 of 8 left
    expect(leases.wanted('rpm', 1)).toBe(4);
    expect(leases.runLow(['rpm'], ['rpm:1'])).toBe(false); // one is being asked for
    expect(leases.takeOne('rpm:1', 1)).toBe(7); // still lending meanwhile
    leases.granted('rpm', 'rpm:1', 8, 16, now + 60_000); // 7 handed out and 9 held: the shared count is 16
    expect(leases.held('rpm:1')).toBe(9);
    expect(leases.takeOne('rpm:1', 1)).toBe(8);
    expect(leases.runLow(['rpm'], ['rpm:1'])).toBe(false);
  });

  it('asks for no top-up after a grant of nothing, for a window about to end, or while another series is asked for', () => {
    leases.granted('rpm', 'rpm:1', 4, 4, now + 60_000);
    leases.granted('tpm', 'tpm:1', 400, 400, now + 60_000);
    for (let i = 0; i < 3; i++) leases.take(['rpm:1', 'tpm:1'], [1, 10]);
    expect(leases.runLow(['rpm', 'tpm'], ['rpm:1', 'tpm:1'])).toBe(true); // rpm is low, tpm is not
    leases.wanted('tpm', 10);
    expect(leases.runLow(['rpm', 'tpm'], ['rpm:1', 'tpm:1'])).toBe(false);
    leases.granted('tpm', 'tpm:1', 0, 400, now + 60_000);
    leases.wanted('rpm', 1);
    leases.granted('rpm', 'rpm:1', 0, 4, now + 60_000); // the room was gone: nothing granted
    expect(leases.runLow(['rpm'], ['rpm:1'])).toBe(false);
    leases.granted('hits', 'hits:1', 4, 4, now + 50);
    for (let i = 0; i < 3; i++) leases.takeOne('hits:1', 1);
    expect(leases.runLow(['hits'], ['hits:1'])).toBe(false); // its window ends within the span
  });

  it('lends nothing with a span of 0 (every request takes the exact path)', () => {
    const exact = new CounterLeases(0, () => now);
    exact.granted('rpm', 'rpm', 10, 10, now + 60_000);
    expect(exact.wanted('rpm', 1)).toBe(0);
    expect(exact.take(['rpm'], [1])).toBeUndefined();
  });
});
