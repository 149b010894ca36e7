import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly, Caller, CurrentCaller } from 'src/common/auth';
import { AdminActionsService } from './admin-actions.service';
import { AdminOverviewService } from './admin-overview.service';
import { CostsReportService } from './report/costs-report.service';

/** Operator API behind the admin page; every route needs ADMIN_API_KEY and every action is audited. */
@ApiTags('admin')
@AdminOnly()
@Controller('api/admin')
export class AdminController {
  constructor(
    private readonly overviewService: AdminOverviewService,
    private readonly actions: AdminActionsService,
    private readonly reports: CostsReportService,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: 'Provider health, breakers, quotas, costs (today, month to date, projection, daily), last 20 alerts, performance' })
  overview(@CurrentCaller() caller: Caller) {
    return this.overviewService.overview(caller);
  }

  @Post('providers/:provider/quotas/reset')
  @HttpCode(200)
  @ApiOperation({ summary: "Clear a provider's RPM/TPM/RPD windows on every replica (audited)" })
  resetQuotas(@CurrentCaller() caller: Caller, @Param('provider') provider: string) {
    return this.actions.resetQuotas(caller, provider);
  }

  @Post('providers/:provider/breaker/close')
  @HttpCode(200)
  @ApiOperation({ summary: "Force-close a provider's circuit breaker on every replica (audited)" })
  closeBreaker(@CurrentCaller() caller: Caller, @Param('provider') provider: string) {
    return this.actions.closeBreaker(caller, provider);
  }

  @Post('catalog/reload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-read MODEL_CATALOG_PATH (models, prices, deployments, chains, limits) on this replica; a file with problems is refused whole and named (audited)' })
  reloadCatalog(@CurrentCaller() caller: Caller) {
    return this.actions.reloadCatalog(caller);
  }

  @Get('usage.csv')
  @ApiOperation({ summary: 'Every usage row of a range of UTC days as CSV, streamed (audited)' })
  @ApiQuery({ name: 'from', example: '2026-01-01' })
  @ApiQuery({ name: 'to', example: '2026-01-31' })
  @ApiProduces('text/csv')
  usageCsv(@CurrentCaller() caller: Caller, @Query('from') from?: string, @Query('to') to?: string) {
    return this.reports.usageExport(caller, { from, to });
  }
}
