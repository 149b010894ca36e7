import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare, rateCeilings, rssCheck, Scenario, skippedRun, TargetRun } from './comparison';

const run = (rps: number, p50: number, p99: number, cpuUsPerRequest?: number): TargetRun => ({
  ok: rps,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  durationS: 1,
  rps,
  upstreamAnswered: rps,
  cpuUsPerRequest,
  latency: { count: rps, mean: p50, p50, p90: p99, p99, max: p99 },
});
const floor = run(5000, 1, 2, 100);
const rate: Scenario = { name: 'rate', emulator: 'instant', stream: false, shape: 'rate' };
const max: Scenario = { name: 'max', emulator: 'instant', stream: false, shape: 'max' };

describe('compare', () => {
  it('computes added latency against the direct run and ours/Portkey ratios', () => {
    const result = compare(rate, { floor, direct: run(500, 1, 3), ours: run(500, 1.5, 6), portkey: run(500, 3, 11) });
    assert.deepEqual(result.added, { ours: { p50: 0.5, p99: 3 }, portkey: { p50: 2, p99: 8 } });
    assert.equal(result.ratio.addedP50, 0.25);
    assert.equal(result.ratio.p50, 0.5);
  });

  it('meets the fixed-rate targets only with p50 <= 1 ms and p99 <= 5 ms added', () => {
    const met = compare(rate, { floor, direct: run(500, 1, 3), ours: run(500, 2, 8), portkey: run(500, 3, 9) });
    assert.deepEqual(
      met.checks.map((c) => c.met),
      [true, true],
    );
    const missed = compare(rate, { floor, direct: run(500, 1, 3), ours: run(500, 2.2, 8.5), portkey: run(500, 3, 9) });
    assert.deepEqual(
      missed.checks.map((c) => c.met),
      [false, false],
    );
  });

  it('meets the throughput target only at three times Portkey', () => {
    assert.equal(compare(max, { floor, direct: run(9000, 1, 2), ours: run(3000, 1, 2), portkey: run(1000, 1, 2) }).checks[0].met, true);
    assert.equal(compare(max, { floor, direct: run(9000, 1, 2), ours: run(2999, 1, 2), portkey: run(1000, 1, 2) }).checks[0].met, false);
  });

  it('judges throughput only where the upstream answers instantly (a 50 ms upstream caps every gateway)', () => {
    const latency: Scenario = { ...max, emulator: 'latency' };
    const checks = compare(latency, { floor, direct: run(960, 51, 60), ours: run(860, 55, 78, 150), portkey: run(740, 59, 110) }).checks;
    assert.deepEqual(
      checks.map((c) => c.name),
      ['CPU per request / floor'],
    );
  });

  it('never reports a target met when a figure is missing', () => {
    assert.equal(compare(max, { floor, direct: run(0, NaN, NaN), ours: run(10, 1, 2), portkey: run(0, NaN, NaN) }).checks[0].met, false);
  });
});

describe('CPU per request against the floor forwarder', () => {
  it('is met up to twice the floor and never without a figure', () => {
    const at = (cpu?: number) => compare(max, { floor, direct: run(9000, 1, 2), ours: run(3000, 1, 2, cpu), portkey: run(1000, 1, 2) }).checks[1];
    assert.deepEqual([at(200).met, at(201).met, at(undefined).met], [true, false, false]);
  });
});

describe('skippedRun', () => {
  it('leaves no throughput target to judge when Portkey could not run', () => {
    const result = compare(max, { floor, direct: run(9000, 1, 2), ours: run(3000, 1, 2), portkey: skippedRun('status 500') });
    assert.deepEqual(
      result.checks.map((c) => c.name),
      ['CPU per request / floor'],
    );
    assert.ok(Number.isNaN(result.ratio.rps));
  });
});

describe('rssCheck', () => {
  it('allows up to 150 MB', () => {
    assert.equal(rssCheck(150).met, true);
    assert.equal(rssCheck(150.1).met, false);
  });

  it('names, per emulator and body kind, the highest fixed rate whose added p50 and p99 both met the targets', () => {
    const at = (rate: number, stream: boolean, oursP99: number) => {
      const scenario: Scenario = { name: `upstream 0 ms ${stream ? 'stream' : 'json'} @${rate} req/s`, emulator: 'instant', stream, shape: 'rate', rate };
      return { scenario, comparison: compare(scenario, { floor, direct: run(rate, 1, 3), ours: run(rate, 1.5, oursP99), portkey: run(rate, 3, 9) }) };
    };
    const ceilings = rateCeilings([at(500, false, 6), at(1000, false, 7.9), at(1500, false, 12), at(500, true, 9), at(1000, true, 20)]);
    assert.deepEqual(ceilings, [
      { family: 'upstream 0 ms json', rates: [500, 1000, 1500], highest: 1000 },
      { family: 'upstream 0 ms stream', rates: [500, 1000] },
    ]);
  });
});
