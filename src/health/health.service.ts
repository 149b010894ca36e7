import { Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DependencyProbeService } from './dependency-probe.service';
import { HealthContributors } from './health-contributors';

const VERSION: string = (() => {
  for (const p of [join(__dirname, '../../package.json'), join(__dirname, '../../../package.json')]) {
    try {
      return JSON.parse(readFileSync(p, 'utf8')).version as string;
    } catch {
      // try the next location (src vs dist layout)
    }
  }
  return 'unknown';
})();

/** Builds the health bodies the Odoo addons and Kubernetes read. */
@Injectable()
export class HealthService {
  constructor(
    private readonly probes: DependencyProbeService,
    private readonly contributors: HealthContributors,
    private readonly terminus: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Terminus readiness: Postgres and migrations decide; a Redis outage is reported, not fatal (replicas fall back). */
  readiness() {
    return this.terminus.check([
      async () => {
        const db = await this.probes.database();
        const session = this.indicators.check('database');
        const ok = db.status === 'up' && (db.pending_migrations ?? []).length === 0;
        const { status: _status, ...detail } = db;
        return ok ? session.up(detail) : session.down(detail);
      },
      async () => {
        const redis = await this.probes.redisStatus();
        return this.indicators.check('redis').up({ mode: redis.mode, latency_ms: redis.latency_ms, degraded: redis.status === 'down' });
      },
    ]);
  }

  async summary() {
    const started = performance.now();
    const [database, redis, extra] = await Promise.all([this.probes.database(), this.probes.redisStatus(), this.contributors.collect()]);
    const degraded = database.status === 'down' || redis.status === 'down' || Object.values(extra).some((c) => c.status === 'down' || c.status === 'degraded');
    return {
      status: degraded ? 'degraded' : 'healthy',
      service: 'odoo-ai-gateway',
      version: VERSION,
      timestamp: new Date().toISOString(),
      uptime_seconds: Math.round(process.uptime()),
      dependencies: { database, redis, ...this.probes.vendors(), ...extra },
      health_check_duration_ms: Math.round((performance.now() - started) * 100) / 100,
    };
  }
}
