import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRatio, pairedRatio } from './paired-rounds';

describe('pairedRatio', () => {
  it('takes the median of the per-round ratios, so one disturbed round does not decide', () => {
    // Rounds 2 and 3 say ×1.10; round 1's "this" was disturbed (×0.50).
    const ratio = pairedRatio([2000, 2000, 2000], [1000, 2200, 2200]);
    assert.ok(Math.abs(ratio.median - 1.1) < 1e-9);
    assert.equal(ratio.min, 0.5);
    assert.ok(Math.abs(ratio.max - 1.1) < 1e-9);
  });

  it('averages the two middle ratios of an even number of rounds', () => {
    assert.ok(Math.abs(pairedRatio([100, 100, 100, 100], [90, 100, 110, 200]).median - 1.05) < 1e-9);
  });

  it('refuses rounds that do not pair up', () => {
    assert.throws(() => pairedRatio([1, 2], [1]));
    assert.throws(() => pairedRatio([], []));
  });

  it('prints the median with the range', () => {
    assert.equal(describeRatio({ median: 1.054, min: 0.761, max: 1.11 }, 3), '×1.05 (×0.76–×1.11 over 3 rounds)');
  });
});
