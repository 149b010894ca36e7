import { MemoryKvStore } from './memory-kv-store';

describe(`${MemoryKvStore.name} bounds`, () => {
  it('keeps at most maxEntries, dropping the least recently used first', async () => {
    const store = new MemoryKvStore(Date.now, { maxEntries: 3, maxBytes: 1_000_000 });
    await store.set('a', '1');
    await store.set('b', '2');
    await store.set('c', '3');
    await store.get('a');
    await store.set('d', '4');
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((k) => store.get(k)))).toEqual(['1', null, '3', '4']);
    expect(store.size().entries).toBe(3);
  });

  it('keeps its approximate size under maxBytes however many keys arrive', async () => {
    const store = new MemoryKvStore(Date.now, { maxEntries: 1_000_000, maxBytes: 100_000 });
    for (let i = 0; i < 10_000; i++) await store.set(`session:${i}`, 'x'.repeat(200), 60_000);
    expect(store.size().bytes).toBeLessThanOrEqual(100_000);
    expect(await store.get('session:9999')).toBe('x'.repeat(200));
    expect(await store.get('session:0')).toBeNull();
    await store.del('session:9999');
    expect(store.size().entries).toBeLessThan(200);
  });
});
