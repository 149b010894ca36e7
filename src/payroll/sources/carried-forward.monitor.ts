import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';

import { chileDate } from 'src/common/time/chile-calendar';
import { KvStore } from 'src/infra/redis';
import { postToSlack } from 'src/sii-monitor/notify/slack-notifier';

import { PayrollClock } from '../payroll-clock';
import { IndicatorKey, IndicatorSet } from '../indicators/indicator-set';
import { IndicatorStore } from '../indicators/indicator-store.service';
import { periodOf } from '../indicators/period';
import { PayrollSourceSettings } from './payroll-source.settings';
import { registeredMetric } from '../../infra/metrics/registered-metric';

/** Indicators of one source group still carried forward after the day that source normally publishes. */
export interface OverdueGroup {
  period: string;
  group: 'sii' | 'previred';
  due_day: number;
  indicators: IndicatorKey[];
}

/** UF/UTM are known by the 10th (Banco Central fixes the UF on the 9th); Previred publishes by mid-month. */
const GROUPS: ReadonlyArray<{ group: OverdueGroup['group']; dueDay: number; keys: IndicatorKey[] }> = [
  { group: 'sii', dueDay: 10, keys: ['uf', 'utm', 'uta'] },
  { group: 'previred', dueDay: 15, keys: ['imm', 'topeAfpSaludUf', 'topeAfcUf', 'topeIpsUf', 'afpCommissionPct', 'sisPct', 'asignacionFamiliar'] },
];

const overdueGauge = registeredMetric(
  'payroll_indicators_carried_forward_overdue',
  () =>
    new Gauge({
      name: 'payroll_indicators_carried_forward_overdue',
      help: 'Indicators of the current month still carried forward after the day their source normally publishes',
      labelNames: ['group'],
    }),
);

/** The groups of `set` (the current month) overdue on `now`'s Chilean date. */
export function overdueGroups(set: IndicatorSet, now: Date): OverdueGroup[] {
  const day = Number(chileDate(now).slice(8, 10));
  return GROUPS.filter((g) => day > g.dueDay)
    .map((g) => ({ period: set.period, group: g.group, due_day: g.dueDay, indicators: g.keys.filter((key) => set[key].status === 'carried_forward') }))
    .filter((g) => g.indicators.length > 0);
}

/** Raises the overdue metric, sends one Slack notice per month and group, and tells the admin page what is overdue. */
@Injectable()
export class CarriedForwardMonitor {
  private readonly logger = new Logger(CarriedForwardMonitor.name);

  constructor(
    private readonly store: IndicatorStore,
    private readonly kv: KvStore,
    private readonly settings: PayrollSourceSettings,
    private readonly clock: PayrollClock,
  ) {}

  async check(): Promise<OverdueGroup[]> {
    const now = this.clock.now();
    const served = await this.store.get(periodOf(now));
    const overdue = served ? overdueGroups(served.set, now) : [];
    for (const { group } of GROUPS) overdueGauge.set({ group }, overdue.find((o) => o.group === group)?.indicators.length ?? 0);
    for (const item of overdue) await this.notify(item);
    return overdue;
  }

  private async notify(item: OverdueGroup): Promise<void> {
    if (!this.settings.slackWebhookUrl) return;
    const key = `payroll:indicators:overdue-notice:${item.period}:${item.group}`;
    if (!(await this.kv.setIfAbsent(key, '1', 40 * 86_400_000).catch(() => false))) return;
    const source = item.group === 'sii' ? 'SII (UF/UTM)' : 'Previred';
    const text = `Indicadores previsionales ${item.period}: ${source} no ha publicado después del día ${item.due_day}; se siguen usando valores arrastrados del mes anterior (${item.indicators.join(', ')}). Revise /admin o importe los valores.`;
    try {
      await postToSlack(this.settings.slackWebhookUrl, { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] }, { timeoutMs: 5_000 });
    } catch (error) {
      await this.kv.del(key).catch(() => undefined);
      this.logger.warn(`Carried-forward notice not sent: ${(error as Error).message}`);
    }
  }
}
