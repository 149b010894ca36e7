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
      const start = cpuMs(process.pid, true)!;
      while (cpuMs(process.pid, true)! - start < 60); // 60 ms of CPU on the main thread, however busy the machine
      return { ok: 2 };
    });
    const main = result.mainThreadCpuUsPerRequest!;
    assert.ok(main >= 30_000, `main thread ${main} µs/req`);
    // /proc rounds user and system time down to 10 ms ticks each: up to 20 ms over the window, 10,000 µs a request.
    assert.ok(result.cpuUsPerRequest! >= main - 10_000, `process ${result.cpuUsPerRequest} µs/req, main thread ${main}`);
  });
});
