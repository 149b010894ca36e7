import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetRun } from './comparison';
import { type BenchReport, stolenWindows, threadSplit } from './report';

function reportWith(steals: Record<string, number | undefined>, settings: Record<string, unknown>): BenchReport {
  const runs = Object.fromEntries(Object.entries(steals).map(([target, stealPct]) => [target, { stealPct } as TargetRun]));
  return { settings, scenarios: [{ scenario: { name: 'upstream 0 ms json 50 conns max' }, runs }] } as unknown as BenchReport;
}

describe('stolenWindows', () => {
  it('names each kept window whose steal is still over the run’s limit', () => {
    const report = reportWith({ direct: 2, floor: 5, ours: 23.44, portkey: undefined }, { steal: { maxPct: 5, retries: 2 } });
    assert.deepEqual(stolenWindows(report), ['upstream 0 ms json 50 conns max ours 23.4 %']);
  });

  it('names none for a run without a limit (an older latest.json)', () => {
    assert.deepEqual(stolenWindows(reportWith({ ours: 40 }, {})), []);
  });
});

describe('threadSplit', () => {
  it("puts each measured process's main thread first and V8's helper threads after, leaving out a target without the split", () => {
    const runs = {
      direct: {} as TargetRun,
      floor: { cpuUsPerRequest: 104.4, mainThreadCpuUsPerRequest: 92.1 } as TargetRun,
      ours: { cpuUsPerRequest: 210, mainThreadCpuUsPerRequest: 180 } as TargetRun,
    };
    assert.equal(threadSplit(runs), 'floor 92 + 12, ours 180 + 30');
  });
});
