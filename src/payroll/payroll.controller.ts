import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';

import { AdminOnly, Caller, CurrentCaller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';

import { ImportIndicatorsDto } from './dto/import-indicators.dto';
import { ImportIndicatorsResponseDto, IndicatorsResponseDto } from './dto/indicators-response.dto';
import { ExplainedPayslipValidationResponseDto } from './dto/payslip-validation-response.dto';
import { ValidatePayslipDto } from './dto/validate-payslip.dto';
import { IndicatorImportService } from './indicators/indicator-import.service';
import { IndicatorQueryService } from './indicators/indicator-query.service';
import { PayrollValidationService } from './payroll-validation.service';

/** Payslip validation and the payroll indicators (UF, UTM, topes, AFP rates) by period. */
@ApiTags('payroll')
@ApiBearerAuth()
@Controller('api/payroll')
export class PayrollController {
  constructor(
    private readonly validation: PayrollValidationService,
    private readonly indicators: IndicatorQueryService,
    private readonly importer: IndicatorImportService,
  ) {}

  /** Recomputes every legal line of a payslip (odoo-contract.md §3.4). */
  @Post('validate')
  @HttpCode(200)
  @RateLimit('payroll')
  @ApiOperation({
    summary: 'Validate a payslip line by line against the period indicators',
    description:
      'Body as the Odoo addon sends it. Answers success/confidence/errors/warnings/recommendation, the line-by-line report (expected vs found) and, when an LLM vendor is configured, a plain-language explanation.',
  })
  @ApiOkResponse({ type: ExplainedPayslipValidationResponseDto })
  @ApiBadRequestResponse({ description: 'Negative wage, malformed period or a period in the future (an unknown AFP is a P-03 warning, not a 400)' })
  validate(@Body() body: ValidatePayslipDto, @CurrentCaller() caller: Caller) {
    return this.validation.validate(body, caller);
  }

  /** One period's indicators in the shape the Odoo indicators cron reads (odoo-contract.md §3.5). */
  @Get('indicators/:period')
  @RateLimit('indicators')
  @ApiOperation({
    summary: "Payroll indicators of one period (the Odoo cron's Previred sync)",
    description:
      'Every numeric field the cron reads, plus `statuses` (confirmed, derived, carried_forward, imported, unofficial), `carried_forward` and per-indicator `provenance` (source URL, fetch time, page hash, origin month).',
  })
  @ApiParam({ name: 'period', example: '2026-03', description: 'YYYY-MM' })
  @ApiQuery({ name: 'force', required: false, type: Boolean, description: 'accepted for compatibility and ignored (data comes from Postgres)' })
  @ApiOkResponse({ type: IndicatorsResponseDto })
  @ApiBadRequestResponse({ description: 'Malformed period; the message names the nearest available period' })
  @ApiNotFoundResponse({
    description:
      'A period before every stored month or after the current one; the message names the nearest available period. A month up to the current one that the sources have not published is answered 200, carried forward.',
  })
  getIndicators(@Param('period') period: string) {
    return this.indicators.forPeriod(period);
  }

  /** Replaces or adds indicator sets from a JSON or CSV file, all or nothing (admin key). */
  @Post('indicators/import')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({
    summary: 'Import indicator sets (admin)',
    description: 'The whole file is rejected with a 400 naming every bad row; otherwise every set is upserted in one transaction with a revision per period.',
  })
  @ApiOkResponse({ type: ImportIndicatorsResponseDto })
  @ApiBadRequestResponse({ description: 'A row or set is invalid; nothing was applied' })
  @ApiForbiddenResponse({ description: 'Not the admin key' })
  importIndicators(@Body() body: ImportIndicatorsDto, @CurrentCaller() caller: Caller) {
    return this.importer.import(body, caller);
  }
}
