import type { FastifyInstance } from 'fastify';
import { registeredMetric } from './registered-metric';
import { type HistogramSeries, TallyHistogram } from './tally-histogram';

/** Request histogram labelled by route template (never the raw URL) and status code. */
export function registerHttpMetrics(fastify: FastifyInstance): void {
  const histogram = registeredMetric(
    'http_request_duration_seconds',
    () =>
      new TallyHistogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration by method, route template and status code',
        labelNames: ['method', 'route', 'status_code'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      }),
  );
  // Series by route template, status code and method, one map each: series() joined the three into a new string to
  // hash on every request. All three are bounded (templates, not URLs).
  const byRoute = new Map<string, Map<number, Map<string, HistogramSeries>>>();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    let byStatus = byRoute.get(route);
    if (!byStatus) byRoute.set(route, (byStatus = new Map()));
    let byMethod = byStatus.get(reply.statusCode);
    if (!byMethod) byStatus.set(reply.statusCode, (byMethod = new Map()));
    let series = byMethod.get(request.method);
    if (!series) byMethod.set(request.method, (series = histogram.series(request.method, route, String(reply.statusCode))));
    series.observe(reply.elapsedTime / 1000);
    done();
  });
}
