import type { AppConfig } from 'src/config';
import { MemoryKvStore } from 'src/infra/redis';
import { key } from 'test/keys/caller-policy-behaviour';
import { KeyDirectory } from './key-directory';
import type { KeyRecord } from './key-records';
import type { KeysRepository } from './keys.repository';

function directoryOver(rows: KeyRecord[], kv = new MemoryKvStore()) {
  let reads = 0;
  let failing = false;
  const repository = {
    keys: async () => {
      reads += 1;
      await new Promise((r) => setTimeout(r, 5));
      if (failing) throw new Error('connection refused');
      return [...rows];
    },
    companyBudgets: async () => [],
  } as unknown as KeysRepository;
  const directory = new KeyDirectory(repository, kv, { keys: { refreshMs: 60_000 } } as AppConfig);
  return { directory, reads: () => reads, fail: () => (failing = true) };
}

describe(KeyDirectory.name, () => {
  it('answers active, disabled, expired or unknown for a secret digest', async () => {
    const { directory } = directoryOver([key('live', { companies: [3] }), key('off', { disabled: true }), key('old', { expiresAt: new Date(Date.now() - 1000) }), key('any')]);
    await directory.reload();
    expect(directory.lookup('hash-live')).toEqual({ status: 'active', caller: { keyName: 'live', companies: [3], isAdmin: false, keyId: 'id-live' } });
    expect(directory.lookup('hash-any')).toMatchObject({ status: 'active', caller: { companies: null } });
    expect(directory.lookup('hash-off')).toEqual({ status: 'disabled', keyName: 'off' });
    expect(directory.lookup('hash-old')).toEqual({ status: 'expired', keyName: 'old' });
    expect(directory.lookup('hash-nobody')).toBeUndefined();
  });

  it('accepts a rotated-out secret as its key until the grace period ends, then not at all', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-06T12:00:00Z'), doNotFake: ['setTimeout', 'setImmediate', 'nextTick'] });
    try {
      const rotated = key('odoo', { secretHash: 'hash-new', previousSecretHash: 'hash-old', previousSecretValidUntil: new Date('2026-12-06T13:00:00Z') });
      const { directory } = directoryOver([rotated, key('other', { previousSecretHash: 'hash-older', previousSecretValidUntil: new Date('2026-12-06T11:00:00Z') })]);
      await directory.reload();
      expect(directory.lookup('hash-new')).toMatchObject({ status: 'active', caller: { keyName: 'odoo' } });
      expect(directory.lookup('hash-old')).toMatchObject({ status: 'active', caller: { keyName: 'odoo' } });
      expect(directory.lookup('hash-older')).toBeUndefined();
      jest.setSystemTime(new Date('2026-12-06T13:00:00Z'));
      expect(directory.lookup('hash-old')).toBeUndefined();
      expect(directory.lookup('hash-new')).toMatchObject({ status: 'active' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a rotated-out secret of a disabled key like the key itself', async () => {
    const { directory } = directoryOver([key('off', { disabled: true, previousSecretHash: 'hash-was', previousSecretValidUntil: new Date(Date.now() + 60_000) })]);
    await directory.reload();
    expect(directory.lookup('hash-was')).toEqual({ status: 'disabled', keyName: 'off' });
  });

  it('serves a burst of changes with two reads, the last one after every change', async () => {
    const rows = [key('a')];
    const { directory, reads } = directoryOver(rows);
    const burst = Array.from({ length: 20 }, (_, i) => {
      rows.push(key(`k${i}`));
      return directory.reload();
    });
    await Promise.all(burst);
    expect(reads()).toBe(2);
    expect(directory.keys()).toHaveLength(21);
  });

  it('keeps the last good copy when the database cannot be read', async () => {
    const { directory, fail } = directoryOver([key('a')]);
    await directory.reload();
    fail();
    await directory.reload();
    expect(directory.lookup('hash-a')).toMatchObject({ status: 'active' });
  });

  it('reloads when another replica announces a change', async () => {
    const kv = new MemoryKvStore();
    const rows = [key('a')];
    const { directory } = directoryOver(rows, kv);
    await directory.onApplicationBootstrap();
    rows.push(key('b'));
    await kv.incrBy('keys:version', 1);
    await kv.publish('keys:changed', '1');
    await new Promise((r) => setTimeout(r, 30));
    expect(directory.key('b')).toBeDefined();
    directory.onApplicationShutdown();
  });
});
