import { Module } from '@nestjs/common';

import { AppConfig } from 'src/config';

import { IndicatorImportService } from './indicators/indicator-import.service';
import { IndicatorQueryService } from './indicators/indicator-query.service';
import { IndicatorSetRepository } from './indicators/indicator-set.repository';
import { IndicatorStore } from './indicators/indicator-store.service';
import { PayrollClock } from './payroll-clock';
import { PayrollController } from './payroll.controller';
import { PayrollValidationService } from './payroll-validation.service';
import { PayslipExplainer } from './payslip-explainer.service';
import { CarriedForwardMonitor } from './sources/carried-forward.monitor';
import { IndicatorCollector } from './sources/indicator-collector';
import { IndicatorFetchController } from './sources/indicator-fetch.controller';
import { IndicatorFetchCron } from './sources/indicator-fetch.cron';
import { IndicatorRefreshService } from './sources/indicator-refresh.service';
import { PayrollSourceSettings } from './sources/payroll-source.settings';
import { PdfParseTextExtractor, PdfTextExtractor } from './sources/pdf-text-extractor';
import { SourcePageFetcher } from './sources/source-page-fetcher';

/**
 * Payroll: payslip validation and indicators stored in Postgres (seeded from the shipped data, fetched from SII and
 * Previred on a schedule, updated by admin import). Needs, from global modules: AppConfig, PrismaService, KvStore,
 * HealthContributors, SchedulerRegistry and, optionally, LlmClient (explanations).
 */
@Module({
  controllers: [PayrollController, IndicatorFetchController],
  providers: [
    { provide: PayrollSourceSettings, inject: [AppConfig], useFactory: (config: AppConfig) => PayrollSourceSettings.fromConfig(config) },
    SourcePageFetcher,
    { provide: PdfTextExtractor, useClass: PdfParseTextExtractor },
    IndicatorCollector,
    IndicatorRefreshService,
    CarriedForwardMonitor,
    IndicatorFetchCron,
    PayrollClock,
    IndicatorSetRepository,
    IndicatorStore,
    IndicatorQueryService,
    IndicatorImportService,
    PayslipExplainer,
    PayrollValidationService,
  ],
  exports: [IndicatorStore, PayrollValidationService],
})
export class PayrollModule {}
