import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuTicks, idleShare, stealPctSince, stealShare } from './quiet-machine';

describe('cpuTicks and idleShare', () => {
  it('counts iowait as idle and every other field of the cpu line as busy', () => {
    const before = cpuTicks('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n');
    const after = cpuTicks('cpu  300 0 100 1500 100 0 0 0 0 0\ncpu0 150 0 50 750 50 0 0 0 0 0\n');
    assert.deepEqual(before, { idle: 850, steal: 0, total: 1000 });
    assert.equal(idleShare(before!, after!), 0.75);
  });

  it('has nothing to read off Linux, and a window with no ticks counts as idle', () => {
    assert.equal(cpuTicks('intr 1 2 3\n'), undefined);
    assert.equal(idleShare({ idle: 5, total: 10 }, { idle: 5, total: 10 }), 1);
  });

  it("reads the hypervisor's steal as its share of all ticks between two readings", () => {
    const before = cpuTicks('cpu  100 0 50 800 50 0 0 0 0 0\n');
    const after = cpuTicks('cpu  200 0 100 1460 50 0 50 140 0 0\n');
    assert.equal(after?.steal, 140);
    assert.equal(stealShare(before!, after!), 0.14);
    assert.equal(stealShare(after!, after!), 0);
  });

  it('has no steal to give without an earlier reading (off Linux)', () => {
    assert.equal(stealPctSince(undefined), undefined);
  });
});
