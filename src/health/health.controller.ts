import { Controller, Get, HttpCode } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from 'src/common/auth';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Per-dependency summary (always 200 while requests can be served; degradation in the body)' })
  summary() {
    return this.health.summary();
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (touches no dependency)' })
  live() {
    return { status: 'alive', uptime_seconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres reachable and migrations applied; Redis degradation reported' })
  @ApiOkResponse({ description: 'Ready (possibly degraded: see redis)' })
  @ApiServiceUnavailableResponse({ description: 'Not ready: Postgres unreachable or migrations pending' })
  @HealthCheck()
  ready() {
    return this.health.readiness();
  }
}
