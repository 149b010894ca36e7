import { register } from 'prom-client';

/**
 * The metric registered under `name`, built on first use. Several apps in one process (the e2e tests) share
 * prom-client's default registry, which refuses a second metric of the same name.
 */
export function registeredMetric<T>(name: string, build: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? build();
}
