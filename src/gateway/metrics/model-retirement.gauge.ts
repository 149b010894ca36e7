import { Gauge } from 'prom-client';
import { registeredMetric as metric } from '../../infra/metrics/registered-metric';
import { type ModelCatalog, shutdownInstant } from '../catalog/model-catalog';

/** The catalog the gauge reads when Prometheus scrapes (the running one; reloads replace its contents in place). */
let watched: ModelCatalog | undefined;

metric(
  'llm_model_retirement_timestamp_seconds',
  () =>
    new Gauge({
      name: 'llm_model_retirement_timestamp_seconds',
      help: 'Vendor shutdown of each catalog model that has one (Unix time, from retiresOn); successor is empty when none answers for it',
      labelNames: ['model', 'successor'],
      collect() {
        this.reset();
        for (const r of watched?.retirementsAround(undefined, Infinity) ?? []) this.set({ model: r.model, successor: r.successor ?? '' }, shutdownInstant(r.retiresOn) / 1000);
      },
    }),
);

/** Points `llm_model_retirement_timestamp_seconds` at the running catalog. */
export function watchModelRetirements(catalog: ModelCatalog): void {
  watched = catalog;
}
