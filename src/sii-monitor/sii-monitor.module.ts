import { Module } from '@nestjs/common';

import { AppConfig } from 'src/config';

import { SiiAnalyzer } from './analysis/sii-analyzer';
import { SiiNoticeSender } from './notify/sii-notice-sender';
import { SiiMonitorController } from './sii-monitor.controller';
import { SiiMonitorCron } from './sii-monitor.cron';
import { SiiMonitorRepository } from './sii-monitor.repository';
import { SiiClock, SiiMonitorService } from './sii-monitor.service';
import { SiiMonitorSettings } from './sii-monitor.settings';
import { SiiSourceChecker } from './sii-source-checker';

/**
 * The SII regulatory monitor. Needs, from global modules: AppConfig, PrismaService, KvStore, SchedulerRegistry
 * (ScheduleModule.forRoot) and, optionally, LlmClient (without it analysis uses the keyword rules).
 */
@Module({
  controllers: [SiiMonitorController],
  providers: [
    { provide: SiiMonitorSettings, inject: [AppConfig], useFactory: (config: AppConfig) => SiiMonitorSettings.fromConfig(config) },
    SiiClock,
    SiiMonitorRepository,
    SiiAnalyzer,
    SiiSourceChecker,
    SiiNoticeSender,
    SiiMonitorService,
    SiiMonitorCron,
  ],
  exports: [SiiMonitorService],
})
export class SiiMonitorModule {}
