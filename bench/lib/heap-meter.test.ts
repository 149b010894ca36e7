import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allocatedSince } = require('./heap-meter.js') as { allocatedSince: (startUsed: number, statistics: unknown[], usedNow: number) => number };

const gc = (before: number, after: number) => ({ beforeGC: { heapStatistics: { usedHeapSize: before } }, afterGC: { heapStatistics: { usedHeapSize: after } } });

describe('allocatedSince', () => {
  it('adds the heap growth before each collection, counted from what the previous one left, and the growth since the last', () => {
    // 40 MB used at the start; grows to 48 (8 allocated), GC leaves 41; grows to 50 (9), GC leaves 42; now 45 (3).
    const mb = 1_048_576;
    assert.equal(allocatedSince(40 * mb, [gc(48 * mb, 41 * mb), gc(50 * mb, 42 * mb)], 45 * mb), 20 * mb);
  });

  it('is the growth alone without a collection, and never negative', () => {
    assert.equal(allocatedSince(100, [], 160), 60);
    assert.equal(allocatedSince(100, [gc(90, 50)], 40), 0);
  });
});
