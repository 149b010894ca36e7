import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile, SampleBuffer, summarise } from './latency-stats';

describe('percentile', () => {
  it('takes the nearest rank of an ascending array', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile(sorted, 100), 100);
  });

  it('is NaN without samples', () => {
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});

describe('summarise', () => {
  it('keeps sub-millisecond precision and does not reorder the input', () => {
    const samples = [0.9, 0.3, 0.6, 1.2];
    const summary = summarise(samples);
    assert.deepEqual(samples, [0.9, 0.3, 0.6, 1.2]);
    assert.equal(summary.p50, 0.6);
    assert.equal(summary.max, 1.2);
    assert.equal(summary.count, 4);
    assert.ok(Math.abs(summary.mean - 0.75) < 1e-9);
  });
});

describe('SampleBuffer', () => {
  it('grows past its initial capacity without losing samples', () => {
    const buffer = new SampleBuffer();
    for (let i = 0; i < 10_000; i++) buffer.push(i);
    const values = buffer.values();
    assert.equal(values.length, 10_000);
    assert.equal(values[9_999], 9_999);
  });
});
