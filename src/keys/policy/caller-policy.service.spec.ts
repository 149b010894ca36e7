import { MemoryKvStore } from 'src/infra/redis';
import { describeCallerPolicy } from 'test/keys/caller-policy-behaviour';
import { MemoryPolicyCounters } from './memory-policy-counters';

// One replica without Redis: "two replicas" in the shared behaviour share one memory store.
describeCallerPolicy('process memory', () => {
  const counters = new MemoryPolicyCounters(() => Date.now());
  return { counters: () => counters, kv: new MemoryKvStore() };
});
