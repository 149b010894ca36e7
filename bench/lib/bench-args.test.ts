import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBenchArgs } from './bench-args';

describe('parseBenchArgs', () => {
  it('defaults to 20 s runs at 500 req/s and 50 connections', () => {
    assert.deepEqual(parseBenchArgs([]), {
      durationS: 20,
      warmupS: 2,
      jitWarmupS: 3,
      rates: [500],
      connections: 50,
      soak: false,
      soakMinutes: 10,
      soakRate: 300,
      soakSampleS: 30,
      profile: false,
      allocProfile: false,
      build: true,
      env: {},
      idleS: 40,
      autovacuum: false,
      steal: { maxPct: 5, retries: 2, waitMs: 60_000 },
    });
  });

  it('measures a window again when the hypervisor took over --max-steal of it, --steal-retries times at most (0: never)', () => {
    assert.deepEqual(parseBenchArgs(['--max-steal', '10', '--steal-retries', '3', '--steal-wait', '30']).steal, { maxPct: 10, retries: 3, waitMs: 30_000 });
    assert.equal(parseBenchArgs(['--steal-retries', '0']).steal.retries, 0);
    assert.throws(() => parseBenchArgs(['--max-steal', '-1']), /--max-steal needs a number >= 0/);
  });

  it('keeps Postgres autovacuum out of measured windows unless --autovacuum is given', () => {
    assert.equal(parseBenchArgs([]).autovacuum, false);
    assert.equal(parseBenchArgs(['--autovacuum']).autovacuum, true);
  });

  it('reads --rate as one or more fixed rates, lowest first, and refuses anything else', () => {
    assert.deepEqual(parseBenchArgs(['--rate', '1000,500,1000']).rates, [500, 1000]);
    assert.throws(() => parseBenchArgs(['--rate', '500,x']), /--rate needs one or more numbers/);
    assert.throws(() => parseBenchArgs(['--rate']), /--rate needs one or more numbers/);
  });

  it('shortens runs to 3 s with --quick unless a duration is given', () => {
    assert.equal(parseBenchArgs(['--quick']).durationS, 3);
    assert.equal(parseBenchArgs(['--quick', '--duration', '5']).durationS, 5);
  });

  it('reads idle RSS at ready with --quick unless --idle is given', () => {
    assert.equal(parseBenchArgs(['--quick']).idleS, 0);
    assert.equal(parseBenchArgs(['--quick', '--idle', '10']).idleS, 10);
    assert.equal(parseBenchArgs(['--idle', '0']).idleS, 0);
  });

  it('turns the soak on with --soak-minutes', () => {
    const args = parseBenchArgs(['--soak-minutes', '2', '--soak-rate', '100']);
    assert.equal(args.soak, true);
    assert.equal(args.soakMinutes, 2);
    assert.equal(args.soakRate, 100);
  });

  it('passes --env settings to our service, and refuses one without KEY=VALUE', () => {
    assert.deepEqual(parseBenchArgs(['--env', 'COST_FLUSH_INTERVAL_MS=100', '--env', 'NODE_OPTIONS=--max-semi-space-size=16 --trace-gc']).env, {
      COST_FLUSH_INTERVAL_MS: '100',
      NODE_OPTIONS: '--max-semi-space-size=16 --trace-gc',
    });
    assert.throws(() => parseBenchArgs(['--env', 'no-equals']), /--env needs KEY=VALUE/);
  });

  it('rejects unknown flags and bad numbers with the usage text', () => {
    assert.throws(() => parseBenchArgs(['--fast']), /unknown flag --fast[\s\S]*usage/);
    assert.throws(() => parseBenchArgs(['--duration', 'x']), /--duration needs a number/);
  });
});
