import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AdminOnly } from 'src/common/auth';

import { CarriedForwardMonitor } from './carried-forward.monitor';
import { IndicatorRefreshService } from './indicator-refresh.service';

/** Admin routes of the indicator fetch: run it now, and see the last run and what is still carried forward. */
@ApiTags('payroll')
@ApiBearerAuth()
@Controller('api/payroll/indicators/fetch')
export class IndicatorFetchController {
  constructor(
    private readonly refresh: IndicatorRefreshService,
    private readonly monitor: CarriedForwardMonitor,
  ) {}

  @Post()
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({
    summary: 'Fetch the payroll indicators from SII and Previred now (admin)',
    description:
      'Same run as the schedule, under the same cross-replica lock. Answers the run report: each source, the months changed, the values refused (e.g. a UF the second source disagrees with) and what is still carried forward.',
  })
  @ApiOkResponse({ description: 'The run report, or {status: "already_running"}' })
  @ApiForbiddenResponse({ description: 'Not the admin key' })
  fetchNow() {
    return this.refresh.runOnce('admin');
  }

  @Get('status')
  @AdminOnly()
  @ApiOperation({ summary: 'Last indicator fetch and the overdue carried-forward alerts (admin)' })
  @ApiOkResponse({ description: '{last_run, overdue}' })
  async status() {
    const [lastRun, overdue] = await Promise.all([this.refresh.lastReport(), this.monitor.check()]);
    return { last_run: lastRun, overdue };
  }
}
