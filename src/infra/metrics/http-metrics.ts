import type { FastifyInstance } from 'fastify';
import { registeredMetric } from './registered-metric';
import { TallyHistogram } from './tally-histogram';

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
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    histogram.series(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
    done();
  });
}
