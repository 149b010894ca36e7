export { KvStore } from './kv-store';
export { MemoryKvStore } from './memory-kv-store';
export { RedisHandle } from './redis-handle';
export { RedisKvStore } from './redis-kv-store';
export { RedisModule } from './redis.module';
export { StoreClock } from './store-clock';
export { waitReady } from './redis-connection';
export { defineScript, type RedisScript } from './redis-script';
export { CounterLeases, LEASE_SHARE_OF_ROOM } from './counter-leases';
