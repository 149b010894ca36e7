import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuMs, cpuPerRequest, statCpuMs } from './cpu-usage';

describe('statCpuMs', () => {
  it('adds user and system time, in ms, after a command name that holds spaces and parentheses', () => {
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 9071 0 0 0 1234 56 0 0 20 0 11 0 1000 1 1 1';
    assert.equal(statCpuMs(stat), 12_900);
  });
});

describe('cpuPerRequest', () => {
  it("splits this process's CPU per request into the total and its main thread's part", async () => {
    const result = await cpuPerRequest(process.pid, async () => {
      const start = process.cpuUsage();
      while (process.cpuUsage(start).user < 60_000); // 60 ms of CPU on the main thread, however busy the machine
      return { ok: 2 };
    });
    assert.ok(cpuMs(process.pid, true)! > 0);
    assert.ok(result.mainThreadCpuUsPerRequest! >= 10_000, `main thread ${result.mainThreadCpuUsPerRequest} µs/req`);
    assert.ok(result.cpuUsPerRequest! >= result.mainThreadCpuUsPerRequest!);
  });
});
