import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';

import { PayrollClock } from '../payroll-clock';
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

  /** The period's indicators; 400 when malformed and 404 when not stored, both naming the nearest stored period. */
  async forPeriod(period: string): Promise<IndicatorsResponse> {
    const lookup = lookupPeriod(period, await this.store.periods(), this.clock.now());
    if (lookup.kind === 'malformed') throw new BadRequestException(lookupMessage(lookup));
    if (lookup.kind === 'unknown') throw new NotFoundException(lookupMessage(lookup));
    const stored = await this.store.get(lookup.period);
    if (!stored) throw new NotFoundException(`No hay indicadores para ${period}`);
    return toIndicatorsResponse(stored);
  }
}
