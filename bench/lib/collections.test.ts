import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionsBetween, formatCollections, parseCollections } from './collections';

const exposition = (minor: [number, number], major: [number, number]) =>
  [
    '# TYPE nodejs_gc_duration_seconds histogram',
    `nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} ${minor[0]}`,
    `nodejs_gc_duration_seconds_sum{kind="minor"} ${minor[1]}`,
    `nodejs_gc_duration_seconds_count{kind="minor"} ${minor[0]}`,
    `nodejs_gc_duration_seconds_sum{kind="major"} ${major[1]}`,
    `nodejs_gc_duration_seconds_count{kind="major"} ${major[0]}`,
    'nodejs_gc_duration_seconds_sum{kind="incremental"} 0.5',
    'nodejs_gc_duration_seconds_count{kind="incremental"} 40',
  ].join('\n');

describe('collectionsBetween', () => {
  it('counts the scavenges and mark-compacts of the window only, with their pauses in ms', () => {
    const before = parseCollections(exposition([110, 0.1337386139780283], [7, 0.0425]));
    const after = parseCollections(exposition([127, 0.1547386139780283], [9, 0.0545]));
    const window = collectionsBetween(before, after)!;
    assert.equal(window.scavenges, 17);
    assert.equal(window.markCompacts, 2);
    assert.ok(Math.abs(window.scavengeMs - 21) < 1e-6);
    assert.equal(formatCollections(window), '17 scavenges (21 ms), 2 mark-compacts (12 ms)');
  });

  it('reads a kind not seen before the window as none, and gives nothing without the metric', () => {
    const before = parseCollections(exposition([3, 0.003], [0, 0]).replace(/.*kind="major".*\n?/g, ''));
    const after = parseCollections(exposition([5, 0.005], [1, 0.0062]));
    assert.equal(formatCollections(collectionsBetween(before, after)!), '2 scavenges (2 ms), 1 mark-compact (6 ms)');
    assert.equal(collectionsBetween(before, parseCollections('process_cpu_seconds_total 3')), undefined);
  });
});
