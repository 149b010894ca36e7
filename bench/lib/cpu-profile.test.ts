import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { component, CpuProfile, hotSpots, locate, unbundle } from './cpu-profile';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe('locate', () => {
  it('names packages, node internals and our compiled files', () => {
    assert.equal(locate('file:///work/main/node_modules/@nestjs/core/router/x.js'), '@nestjs/core');
    assert.equal(locate('file:///work/main/node_modules/pino/lib/x.js'), 'pino');
    assert.equal(locate('node:internal/streams/readable'), 'node:internal/streams/readable');
    assert.equal(locate('file:///work/main/dist/gateway/gateway.service.js'), 'src/gateway/gateway.service.js');
    assert.equal(locate(''), '(native)');
  });
});

describe('hotSpots', () => {
  it('sums self time (sample time deltas) per function and per location across profiles', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('complete', 'file:///w/dist/gateway/gateway.service.js', 9) },
        { id: 3, callFrame: frame('validate', 'file:///w/node_modules/class-validator/v.js') },
      ],
      samples: [2, 3, 3, 2],
      timeDeltas: [1000, 2000, 3000, 500],
    };
    const { functions, locations, totalMs } = hotSpots([profile, profile]);
    assert.equal(totalMs, 13);
    assert.deepEqual(
      functions.map((f) => [f.name, f.selfMs]),
      [
        ['validate class-validator:1', 10],
        ['complete src/gateway/gateway.service.js:10', 3],
      ],
    );
    assert.deepEqual(
      locations.map((l) => l.name),
      ['class-validator', 'src/gateway/gateway.service.js'],
    );
    assert.ok(Math.abs(locations[0].share - 10 / 13) < 1e-9);
  });
});

describe('component', () => {
  it('puts self time in the components of the table of issue #15, idle left out', () => {
    assert.equal(component('(idle)', '(native)'), undefined);
    assert.equal(component('(garbage collector)', '(native)'), 'GC');
    assert.equal(component('writev', '(native)'), 'socket writes (syscalls, loopback delivery included)');
    assert.equal(component('canActivate', 'src/common/auth/api-key.guard.js'), 'Nest pipeline (guards, throttler, routing)');
    assert.equal(component('tryActivate', '@nestjs/core'), 'Nest pipeline (guards, throttler, routing)');
    assert.equal(component('Command', 'ioredis'), 'Redis (client, leases)');
    assert.equal(component('flush', 'src/gateway/usage/usage-writer.service.js'), 'usage rows (pg)');
    assert.equal(component('observe', 'prom-client'), 'metrics (prom-client)');
    assert.equal(component('Reply.send', 'fastify'), 'Fastify + Node HTTP and streams');
    assert.equal(component('begin', 'src/gateway/gateway.service.js'), 'gateway and door logic (ours)');
    assert.equal(component('wrapSafe', 'node:internal/modules/cjs/loader'), 'module loading (start-up)');
  });
});

describe('unbundle', () => {
  // A two-line bundle: line 0 holds a package's code from column 0 and ours from column 10; line 1 maps to nothing.
  const map = JSON.stringify({
    version: 3,
    sources: ['../node_modules/pino/lib/proto.js', 'gateway/gateway.service.js'],
    names: [],
    mappings: 'AAAA,UCQE',
  });
  const bundled = (column: number, line = 0) => ({ functionName: 'f', url: 'file:///w/dist/main.bundle.js', lineNumber: line, columnNumber: column });

  it('puts frames of a bundled script back in the package or module they came from, by its source map', () => {
    const maps: string[] = [];
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: bundled(3) },
        { id: 2, callFrame: bundled(12) },
        { id: 3, callFrame: frame('emit', 'node:events', 4) },
      ],
      samples: [1, 2, 3],
      timeDeltas: [1000, 1000, 1000],
    };
    const { nodes } = unbundle(profile, (path) => (maps.push(path), map));
    assert.deepEqual(
      nodes.map((n) => [locate(n.callFrame.url), n.callFrame.lineNumber]),
      [
        ['pino', 0],
        ['src/gateway/gateway.service.js', 8],
        ['node:events', 4],
      ],
    );
    assert.deepEqual(maps, ['/w/dist/main.bundle.js.map'], "each bundle's map is read once");
  });

  it('leaves frames as they are when the script has no source map', () => {
    const profile: CpuProfile = { nodes: [{ id: 1, callFrame: bundled(3) }], samples: [1], timeDeltas: [1000] };
    assert.equal(locate(unbundle(profile, () => undefined).nodes[0].callFrame.url), 'src/main.bundle.js');
  });
});
