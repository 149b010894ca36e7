import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';

import { PayrollClock } from '../payroll-clock';
import { fillGaps } from './carry-forward';
import { lookupMessage, lookupPeriod } from './indicator-lookup';
import { IndicatorStore } from './indicator-store.service';
import { IndicatorsResponse, toIndicatorsResponse } from './indicators-response';

/** Serves one period's indicators in the shape the Odoo cron reads. */
@Injectable()
export class IndicatorQueryService {
  constructor(
    private readonly store: IndicatorStore,
    private readonly clock: PayrollClock,
  ) {}

  /**
   * The period's indicators, gaps filled from earlier months and flagged carried_forward; a month up to the current one
   * that no source has published yet is served carried forward. 400 when malformed and 404 when before every stored
   * month or in the future, both naming the nearest period.
   */
  async forPeriod(period: string): Promise<IndicatorsResponse> {
    const lookup = lookupPeriod(period, await this.store.servedPeriods(), this.clock.now());
    if (lookup.kind === 'malformed') throw new BadRequestException(lookupMessage(lookup));
    if (lookup.kind === 'unknown') throw new NotFoundException(lookupMessage(lookup));
    const served = await this.store.get(lookup.period);
    if (!served) throw new NotFoundException(`No hay indicadores para ${period}`);
    const earlier = [...(await this.store.sets()).values()].filter((s) => s.period < period).sort((a, b) => b.period.localeCompare(a.period));
    return toIndicatorsResponse({ ...served, set: fillGaps(served.set, earlier) });
  }
}
