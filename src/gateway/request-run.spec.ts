import { RequestRun, type RunOptions } from './request-run';

const OPTIONS: RunOptions = { operation: 'proxy.chat', caller: { apiKeyName: 'k' }, offline: false, dropUnsupported: false, cache: { enabled: false } };

function runWith(options: RunOptions): RequestRun {
  return new RequestRun('id', options, [], 1, 'gpt-4o-mini', Date.now(), 60_000);
}

describe('RequestRun.overheadMs', () => {
  it('counts from the arrival the door noted, not from when the run was built, and leaves vendor time out', () => {
    const run = runWith(Object.assign({}, OPTIONS, { receivedAt: performance.now() - 40 }));
    run.vendorMs = 25;
    const overhead = run.overheadMs();
    run.dispose();
    expect(overhead).toBeGreaterThanOrEqual(15);
    expect(overhead).toBeLessThan(15 + 20);
  });

  it('keeps its fraction of a millisecond, where the rounded latency would read 0 or 1', () => {
    const run = runWith(OPTIONS);
    const busyUntil = performance.now() + 0.3;
    while (performance.now() < busyUntil);
    const overhead = run.overheadMs();
    run.dispose();
    expect(overhead).toBeGreaterThanOrEqual(0.3);
    expect(Number.isInteger(overhead)).toBe(false);
  });
});
