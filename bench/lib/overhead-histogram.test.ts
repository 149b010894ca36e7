import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBound, overheadBetween, parseOverheadBuckets } from './overhead-histogram';

const exposition = (counts: number[]) =>
  [
    '# TYPE llm_gateway_overhead_seconds histogram',
    ...['0.0005', '0.001', '0.0025', '+Inf'].map((le, i) => `llm_gateway_overhead_seconds_bucket{le="${le}"} ${counts[i]}`),
    'llm_gateway_overhead_seconds_sum 1.5',
    `llm_gateway_overhead_seconds_count ${counts[3]}`,
    'http_request_duration_seconds_bucket{le="0.001",method="POST"} 999',
  ].join('\n');

describe('overheadBetween', () => {
  it('reads the quantiles of what was observed between the two readings only', () => {
    const before = parseOverheadBuckets(exposition([1000, 1000, 1000, 1000]));
    const after = parseOverheadBuckets(exposition([1090, 1098, 1099, 1100]));
    assert.deepEqual(overheadBetween(before, after), { count: 100, p50Ms: 0.5, p99Ms: 2.5 });
  });

  it('says when the quantile lies past the last finite bucket, and gives nothing when no request was observed', () => {
    const before = parseOverheadBuckets(exposition([0, 0, 0, 0]));
    const slow = overheadBetween(before, parseOverheadBuckets(exposition([50, 60, 70, 100])));
    assert.equal(slow?.p50Ms, 0.5);
    assert.equal(formatBound(slow!.p99Ms), 'past the last bucket');
    assert.equal(overheadBetween(before, before), undefined);
  });
});
