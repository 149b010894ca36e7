import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from 'src/common/auth';
import { CostsSummaryService } from './costs-summary.service';
import { UsageScope } from './usage-scope';

/** The cost summary the Odoo addons read; a key bound to companies sees only those companies' rows. */
@ApiTags('costs')
@Controller('metrics')
export class CostsController {
  constructor(private readonly costs: CostsSummaryService) {}

  @Get('costs')
  @ApiOperation({ summary: "Token and cost totals of the caller's companies with breakdowns by operation, model, provider and company" })
  @ApiQuery({ name: 'period', required: false, example: 'month', description: 'today | yesterday | month | this_month | all_time | YYYY-MM-DD..YYYY-MM-DD' })
  summary(@CurrentCaller() caller: Caller, @Query('period') period?: string) {
    return this.costs.summary(UsageScope.of(caller), period);
  }
}
