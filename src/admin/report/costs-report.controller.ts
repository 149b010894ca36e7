import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from 'src/common/auth';
import { CostsReportService } from './costs-report.service';
import { REPORT_FORMATS, REPORT_GROUPS } from './report-query';

/** The finance report: any valid API key may read it (finance tools use normal keys); company-bound keys see their companies only. */
@ApiTags('costs')
@Controller('api/costs')
export class CostsReportController {
  constructor(private readonly reports: CostsReportService) {}

  @Get('report')
  @ApiOperation({ summary: 'Cost report for a range of UTC days, grouped, as exact decimals; streamed CSV or JSON whose totals equal the sum of its rows' })
  @ApiQuery({ name: 'from', example: '2026-01-01', description: 'first UTC day, YYYY-MM-DD' })
  @ApiQuery({ name: 'to', example: '2026-01-31', description: 'last UTC day (inclusive), YYYY-MM-DD' })
  @ApiQuery({ name: 'groupBy', required: false, enum: REPORT_GROUPS, description: 'default day' })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS, description: 'default json' })
  @ApiProduces('application/json', 'text/csv')
  report(@CurrentCaller() caller: Caller, @Query('from') from?: string, @Query('to') to?: string, @Query('groupBy') groupBy?: string, @Query('format') format?: string) {
    return this.reports.report(caller, { from, to, groupBy, format });
  }
}
