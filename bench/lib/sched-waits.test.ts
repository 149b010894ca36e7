import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { roleOf } from './sched-trace';
import { parseTimehist, ranDuring, SchedRun, waitsOf } from './sched-waits';

const TIMEHIST = `           time    cpu  task name                       wait time  sch delay   run time
                        [tid/pid]                          (msec)     (msec)     (msec)
--------------- ------  ------------------------------  ---------  ---------  ---------
   15436.628383 [0000]  <idle>                              0.000      0.000      0.140 
   15436.630198 [0000]  node[5109]                          0.000      0.022      0.307 
   15449.314650 [0001]  node[5098/5078]                  4294.395      0.714      2.077 
   15449.320700 [0000]  kworker/0:1H-kb[88]                 4.843      1.509      4.001 
`;

const run = (endMs: number, tid: number, pid: number, delayMs: number, runMs: number, comm = 'node'): SchedRun => ({ endMs, cpu: 0, comm, tid, pid, delayMs, runMs });

describe('parseTimehist', () => {
  it('reads each run line (idle task, main thread, helper thread, a kernel thread) and skips the header', () => {
    assert.deepEqual(parseTimehist(TIMEHIST), [
      { endMs: 15436628.383, cpu: 0, comm: '<idle>', tid: 0, pid: 0, delayMs: 0, runMs: 0.14 },
      { endMs: 15436630.198, cpu: 0, comm: 'node', tid: 5109, pid: 5109, delayMs: 0.022, runMs: 0.307 },
      { endMs: 15449314.65, cpu: 1, comm: 'node', tid: 5098, pid: 5078, delayMs: 0.714, runMs: 2.077 },
      { endMs: 15449320.7, cpu: 0, comm: 'kworker/0:1H-kb', tid: 88, pid: 88, delayMs: 1.509, runMs: 4.001 },
    ]);
  });
});

describe('waitsOf', () => {
  it("keeps one thread's waits over the threshold, each from its wake-up to the start of its run, in order", () => {
    const runs = [run(1_050, 7, 7, 5, 10), run(1_020, 7, 7, 3, 2), run(1_100, 7, 7, 1, 4), run(1_200, 8, 7, 9, 1)];
    assert.deepEqual(waitsOf(runs, 7, 2), [
      { startMs: 1_015, endMs: 1_018 },
      { startMs: 1_035, endMs: 1_040 },
    ]);
  });
});

describe('ranDuring', () => {
  it("adds up each label's time inside the spans only, across CPUs, largest first, leaving out unnamed runs", () => {
    const spans = [
      { startMs: 100, endMs: 110 },
      { startMs: 200, endMs: 204 },
    ];
    const runs = [
      run(108, 20, 20, 0, 10), // 98-108: 8 ms inside the first span
      run(120, 21, 21, 0, 15), // 105-120: 5 ms inside it, on the other CPU
      run(203, 20, 20, 0, 4), // 199-203: 3 ms inside the second
      run(99, 20, 20, 0, 5), // ends as the first span begins: nothing
      run(150, 22, 22, 0, 20), // between the spans: nothing
      run(210, 23, 23, 0, 20), // 190-210 covers the whole second span, but has no label
    ];
    const labels: Record<number, string> = { 20: 'emulator', 21: 'load generator', 22: 'bench' };
    assert.deepEqual(
      ranDuring(runs, spans, (r) => labels[r.tid]),
      [
        { label: 'emulator', ms: 11 },
        { label: 'load generator', ms: 5 },
      ],
    );
  });

  it('counts a run spanning several waits once per wait it overlaps', () => {
    const spans = [
      { startMs: 0, endMs: 2 },
      { startMs: 5, endMs: 8 },
      { startMs: 20, endMs: 30 },
    ];
    assert.deepEqual(
      ranDuring([run(21, 1, 1, 0, 21)], spans, () => 'x'),
      [{ label: 'x', ms: 6 }],
    );
  });
});

describe('roleOf', () => {
  it("names our threads, the run's other processes, the services and the kernel's threads without their CPU suffix", () => {
    const roles = { ours: 100, emulator: 200, pacer: 300 };
    const named = (tid: number, pid: number, comm = 'node') => roleOf(run(0, tid, pid, 0, 0, comm), roles);
    assert.equal(named(0, 0, '<idle>'), 'nothing (a CPU idle)');
    assert.equal(named(100, 100), 'our main thread');
    assert.equal(named(104, 100), 'our helper threads (V8, libuv)');
    assert.equal(named(201, 200), 'the emulator');
    assert.equal(named(300, 300), 'the load generator');
    assert.equal(named(process.pid, process.pid), 'the bench process');
    assert.equal(named(400, 400, 'postgres'), 'Postgres');
    assert.equal(named(401, 401, 'redis-server'), 'Redis');
    assert.equal(named(12, 12, 'kworker/0:1H-kb'), 'kworker');
    assert.equal(named(13, 13, 'kdamond.0'), 'kdamond.0');
  });
});
