import { DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { CommonModule } from './common/common.module';
import { AppConfig, AppConfigModule } from './config';
import { FEATURE_MODULES } from './feature-modules';
import { HealthModule } from './health/health.module';
import { DatabaseConnection, DatabaseModule } from './infra/database';
import { PrometheusScrapeController } from './infra/metrics/prometheus-scrape.controller';
import { RedisModule } from './infra/redis';

/** The application: platform modules plus the feature modules; no providers of its own. */
@Module({})
export class AppModule {
  static register(config: AppConfig, database: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        RedisModule,
        EventEmitterModule.forRoot({ wildcard: false, maxListeners: 50 }),
        ScheduleModule.forRoot(),
        // Several apps in one process (tests) share prom-client's registry: register default metrics once.
        PrometheusModule.register({ path: '/metrics', controller: PrometheusScrapeController, defaultMetrics: { enabled: !register.getSingleMetric('process_cpu_user_seconds_total') } }),
        CommonModule,
        HealthModule,
        ...FEATURE_MODULES,
      ],
    };
  }
}
