import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { EveryCompany } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';

import { SiiMonitorRequestDto } from './dto/sii-monitor.dto';
import { toMonitorResponse, toStatusResponse } from './dto/sii-monitor.responses';
import { SiiMonitorService } from './sii-monitor.service';

/** Manual trigger and status of the SII regulatory monitor. */
@ApiTags('sii-monitor')
@ApiBearerAuth()
@RateLimit('siiMonitor')
@Controller('api/ai/sii')
export class SiiMonitorController {
  constructor(private readonly service: SiiMonitorService) {}

  /** Runs the monitor now (or reports that a run is already in progress); it acts for every company, so company-bound keys may not. */
  @Post('monitor')
  @HttpCode(200)
  @EveryCompany()
  async monitor(@Body() body: SiiMonitorRequestDto) {
    return toMonitorResponse(await this.service.runOnce({ trigger: 'manual', force: body.force ?? false }));
  }

  /** Last run, each source's state and the notice backlog. */
  @Get('status')
  async status() {
    return toStatusResponse(await this.service.status());
  }
}
