import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CostsService } from './costs.service';

@ApiTags('costs')
@Controller('metrics')
export class CostsController {
  constructor(private readonly costs: CostsService) {}

  @Get('costs')
  @ApiOperation({ summary: 'Token and cost totals with breakdowns by operation, model, provider and company' })
  @ApiQuery({ name: 'period', required: false, example: 'month', description: 'today | yesterday | month | this_month | all_time | YYYY-MM-DD..YYYY-MM-DD' })
  summary(@Query('period') period?: string) {
    return this.costs.summary(period);
  }
}
