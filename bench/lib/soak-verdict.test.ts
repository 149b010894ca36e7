import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { soakVerdict } from './soak-verdict';

const samples = (values: number[], everyS = 30) => values.map((rssMb, i) => ({ atS: i * everyS, rssMb }));

describe('soakVerdict', () => {
  it('is flat when the last reading is within 15% of the reading at minute 2', () => {
    // minute 2 = 120 s = the fifth reading (80), after the start-up climb.
    assert.deepEqual(soakVerdict(samples([60, 70, 75, 78, 80, 82, 85, 88, 90])), { verdict: 'flat', baselineMb: 80, lastMb: 90 });
  });

  it('reports growth beyond the tolerance', () => {
    assert.equal(soakVerdict(samples([60, 70, 75, 78, 80, 90, 100, 110])).verdict, 'growing');
  });

  it('falls back to the middle reading for a soak shorter than the baseline time', () => {
    assert.deepEqual(soakVerdict(samples([50, 60, 70], 10)), { verdict: 'growing', baselineMb: 60, lastMb: 70 });
  });

  it('cannot judge without two readings', () => {
    assert.equal(soakVerdict([{ atS: 0, rssMb: 80 }, { atS: 30 }]).verdict, 'unknown');
  });
});
