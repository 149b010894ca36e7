import { Module } from '@nestjs/common';

import { IndicatorImportService } from './indicators/indicator-import.service';
import { IndicatorQueryService } from './indicators/indicator-query.service';
import { IndicatorSetRepository } from './indicators/indicator-set.repository';
import { IndicatorStore } from './indicators/indicator-store.service';
import { PayrollClock } from './payroll-clock';
import { PayrollController } from './payroll.controller';
import { PayrollValidationService } from './payroll-validation.service';
import { PayslipExplainer } from './payslip-explainer.service';

/**
 * Payroll: payslip validation and indicators stored in Postgres (seeded from the shipped data, updated by admin import).
 * Needs, from global modules: PrismaService, KvStore, HealthContributors and, optionally, LlmClient (explanations).
 */
@Module({
  controllers: [PayrollController],
  providers: [
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
