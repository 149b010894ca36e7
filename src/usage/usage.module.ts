import { Module } from '@nestjs/common';
import { CostsController } from './costs.controller';
import { CostsSummaryService } from './costs-summary.service';
import { UsageRepository } from './usage.repository';

/** Reads of usage_records (always within the caller's scope) and the `/metrics/costs` summary. */
@Module({
  controllers: [CostsController],
  providers: [UsageRepository, CostsSummaryService],
  exports: [UsageRepository],
})
export class UsageModule {}
