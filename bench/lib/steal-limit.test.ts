import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureUnderStealLimit, type StealLimit, waitForLowSteal } from './steal-limit';

const LIMIT: StealLimit = { maxPct: 5, retries: 2, waitMs: 60_000 };

/** A measurement whose windows had these steals in turn, and what the bench did around them. */
function windows(steals: Array<number | undefined>) {
  const events: string[] = [];
  const measure = async (attempt: number) => {
    events.push(`measure ${attempt}`);
    return { stealPct: steals[attempt], rps: 1000 + attempt };
  };
  const waitForQuiet = async () => {
    events.push('wait');
  };
  return { measure, waitForQuiet, events };
}

describe('measureUnderStealLimit', () => {
  it('keeps a window within the limit (or without a steal reading) as it is', async () => {
    for (const steal of [0, 5, undefined]) {
      const { measure, waitForQuiet, events } = windows([steal]);
      const kept = await measureUnderStealLimit(measure, LIMIT, waitForQuiet, () => undefined);
      assert.deepEqual(events, ['measure 0']);
      assert.equal(kept.stealRetries, 0);
    }
  });

  it('waits for a quieter host and measures again until a window is within the limit', async () => {
    const { measure, waitForQuiet, events } = windows([40, 3]);
    const lines: string[] = [];
    const kept = await measureUnderStealLimit(measure, LIMIT, waitForQuiet, (line) => lines.push(line));
    assert.deepEqual(events, ['measure 0', 'wait', 'measure 1']);
    assert.deepEqual([kept.stealPct, kept.rps, kept.stealRetries], [3, 1001, 1]);
    assert.match(lines[0], /steal 40\.0 % over the limit of 5 %: measuring again \(1 of 2\)/);
  });

  it('stops after the retries and keeps the least stolen window, which may be an earlier one', async () => {
    const { measure, waitForQuiet, events } = windows([30, 45, 20, 1]);
    const lines: string[] = [];
    const kept = await measureUnderStealLimit(measure, LIMIT, waitForQuiet, (line) => lines.push(line));
    assert.deepEqual(events, ['measure 0', 'wait', 'measure 1', 'wait', 'measure 2']);
    assert.deepEqual(
      lines.map((line) => /steal ([\d.]+) %/.exec(line)?.[1]),
      ['30.0', '45.0'],
    );
    assert.deepEqual([kept.stealPct, kept.rps, kept.stealRetries], [20, 1002, 2]);
    const earlier = windows([12, 50, 60]);
    assert.equal((await measureUnderStealLimit(earlier.measure, LIMIT, earlier.waitForQuiet, () => undefined)).stealPct, 12);
  });

  it('never measures again with no retries allowed', async () => {
    const { measure, waitForQuiet, events } = windows([80]);
    const kept = await measureUnderStealLimit(measure, { ...LIMIT, retries: 0 }, waitForQuiet, () => undefined);
    assert.deepEqual(events, ['measure 0']);
    assert.equal(kept.stealPct, 80);
  });
});

describe('waitForLowSteal', () => {
  it('returns at the first probe within the limit', async () => {
    const readings = [30, 20, 4, 50];
    let probes = 0;
    const steal = await waitForLowSteal(LIMIT, async () => readings[probes++], 1);
    assert.deepEqual([steal, probes], [4, 3]);
  });

  it('gives up after the longest wait with the last reading', async () => {
    let probes = 0;
    const steal = await waitForLowSteal({ ...LIMIT, waitMs: 30 }, async () => (probes++, 50), 10);
    assert.equal(steal, 50);
    assert.ok(probes >= 1 && probes <= 4, `${probes} probes in a 30 ms wait with 10 ms pauses`);
  });

  it('does not wait where steal cannot be read (off Linux)', async () => {
    let probes = 0;
    assert.equal(await waitForLowSteal(LIMIT, async () => (probes++, undefined), 1), undefined);
    assert.equal(probes, 1);
  });
});
