import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startEnvironment, startMemoryFlags } from './service-child';

function checkoutWithStart(start: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { start } }));
  return dir;
}

describe('what the bench takes from npm start', () => {
  it('takes the variables set before node and the heap flags, so it measures the documented start', () => {
    const dir = checkoutWithStart('MALLOC_TRIM_THRESHOLD_=131072 node --max-old-space-size=192 --max-semi-space-size=16 -r ./x.js dist/main.bundle.js');
    assert.deepEqual(startEnvironment(dir), { MALLOC_TRIM_THRESHOLD_: '131072' });
    assert.deepEqual(startMemoryFlags(dir), ['--max-old-space-size=192', '--max-semi-space-size=16']);
  });

  it('takes no variables from a start without any, nor from assignments after node', () => {
    assert.deepEqual(startEnvironment(checkoutWithStart('node --max-old-space-size=192 dist/main.js FOO=1')), {});
  });
});
