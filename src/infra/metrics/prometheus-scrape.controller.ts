import { Controller, Get, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { Public } from 'src/common/auth';

/** The Prometheus scrape (`/metrics`): public, so the scraper needs no key, and never throttled. */
@Public()
@Controller()
export class PrometheusScrapeController extends PrometheusController {
  @Get()
  index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
