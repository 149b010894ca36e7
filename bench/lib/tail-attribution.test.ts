import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attributeTail, causeOf, LoopEvent, summariseLoop } from './tail-attribution';

const at = (dueMs: number, latencyMs: number) => ({ dueMs, latencyMs });
const stall = (startMs: number, durationMs: number, runMs?: number, waitMs?: number): LoopEvent => ({ kind: 'stall', startMs, durationMs, runMs, waitMs });

describe('causeOf', () => {
  it('blames a mark-compact over a scavenge or a late loop in flight at the same time', () => {
    const events: LoopEvent[] = [stall(1_000, 30, 25, 2), { kind: 'scavenge', startMs: 1_005, durationMs: 2 }, { kind: 'mark-compact', startMs: 1_010, durationMs: 12 }];
    assert.equal(causeOf(at(1_000, 40), events), 'mark-compact in our process');
    assert.equal(causeOf(at(1_000, 8), events), 'scavenge in our process');
  });

  it('splits a late loop by whether the main thread ran or waited for a CPU', () => {
    assert.equal(causeOf(at(1_000, 20), [stall(1_002, 15, 12, 1)]), 'our loop late, main thread running');
    assert.equal(causeOf(at(1_000, 20), [stall(1_002, 15, 2, 11)]), 'our loop late, main thread waiting for a CPU');
    assert.equal(causeOf(at(1_000, 20), [stall(1_002, 15)]), 'our loop late (no scheduler figures)');
  });

  it('leaves out the wait for the upstream: only the first and last moments of a slow answer behind it count', () => {
    const answer = at(1_000, 56);
    assert.equal(causeOf(answer, [{ kind: 'scavenge', startMs: 1_020, durationMs: 3 }], 50), 'nothing seen in our process');
    assert.equal(causeOf(answer, [{ kind: 'scavenge', startMs: 1_003, durationMs: 3 }], 50), 'scavenge in our process');
    assert.equal(causeOf(answer, [stall(1_052, 5, 1, 4)], 50), 'our loop late, main thread waiting for a CPU');
    assert.equal(causeOf(answer, [{ kind: 'scavenge', startMs: 1_020, durationMs: 3 }]), 'scavenge in our process');
  });

  it('finds nothing when no event overlaps the answer, even one that ends as it falls due', () => {
    assert.equal(causeOf(at(1_000, 20), [stall(990, 10, 9, 0), { kind: 'mark-compact', startMs: 1_020, durationMs: 5 }]), 'nothing seen in our process');
  });
});

describe('attributeTail', () => {
  it('groups slow answers by cause with their share of every answer, median and maximum, largest group first', () => {
    const events: LoopEvent[] = [{ kind: 'mark-compact', startMs: 5_000, durationMs: 30 }, stall(9_000, 12, 1, 10), stall(12_000, 9, 8, 0)];
    const slow = [at(4_990, 40), at(4_995, 35), at(5_000, 30), at(8_995, 15), at(11_999, 11), at(20_000, 6)];
    const rows = attributeTail(slow, events, 1_000);
    assert.deepEqual(
      rows.map((r) => [r.cause, r.answers, r.sharePct, r.medianMs, r.maxMs]),
      [
        ['mark-compact in our process', 3, 0.3, 35, 40],
        ['our loop late, main thread waiting for a CPU', 1, 0.1, 15, 15],
        ['our loop late, main thread running', 1, 0.1, 11, 11],
        ['nothing seen in our process', 1, 0.1, 6, 6],
      ],
    );
  });

  it('sees a long event that started well before the answer fell due', () => {
    const rows = attributeTail([at(10_050, 20)], [stall(100, 1, 1, 0), { kind: 'mark-compact', startMs: 10_000, durationMs: 80 }, stall(20_000, 5, 5, 0)], 1);
    assert.equal(rows[0].cause, 'mark-compact in our process');
  });
});

describe('summariseLoop', () => {
  it('adds up stalls, their run and wait time, scavenges and mark-compacts', () => {
    const summary = summariseLoop([
      stall(0, 10, 4, 6),
      stall(50, 6, 6, 0),
      { kind: 'scavenge', startMs: 70, durationMs: 1 },
      { kind: 'scavenge', startMs: 90, durationMs: 3 },
      { kind: 'mark-compact', startMs: 99, durationMs: 9 },
    ]);
    assert.deepEqual(summary, { stalls: 2, stallMs: 16, runMs: 10, waitMs: 6, scavenges: 2, scavengeMeanMs: 2, scavengeMaxMs: 3, markCompacts: 1, markCompactMs: 9 });
  });

  it('leaves run and wait undefined when a stall has no scheduler figures', () => {
    const summary = summariseLoop([stall(0, 10, 4, 6), stall(50, 6)]);
    assert.equal(summary.runMs, undefined);
    assert.equal(summary.waitMs, undefined);
  });
});
