import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Counter } from 'prom-client';
import { AppConfig } from 'src/config';
import { escapeSlack } from 'src/sii-monitor/notify/slack-message';
import { postToSlack } from 'src/sii-monitor/notify/slack-notifier';
import { KeysRepository } from './keys.repository';
import { BUDGET_ALERT_EVENT, type BudgetAlertEvent } from './policy/budget-alerts';
import { registeredMetric } from '../infra/metrics/registered-metric';

const budgetAlerts = registeredMetric(
  'llm_budget_alerts_total',
  () => new Counter({ name: 'llm_budget_alerts_total', help: 'Budget alerts (80 % warning, 95 % critical), once per budget and period', labelNames: ['scope', 'level'] }),
);

/** A budget alert goes to the metric, Postgres (admin page) and Slack when SLACK_WEBHOOK_URL is set; failures are logged, never raised. */
@Injectable()
export class BudgetAlertListener {
  private readonly logger = new Logger(BudgetAlertListener.name);

  constructor(
    private readonly repository: KeysRepository,
    private readonly config: AppConfig,
  ) {}

  @OnEvent(BUDGET_ALERT_EVENT, { async: true })
  async announce(alert: BudgetAlertEvent): Promise<void> {
    budgetAlerts.inc({ scope: alert.scope, level: alert.level });
    this.logger.warn(alert.message);
    await this.repository
      .storeAlert({
        createdAt: alert.createdAt,
        scope: alert.scope,
        target: alert.target,
        periodStart: alert.periodStart,
        level: alert.level,
        spentUsd: alert.spentUsd,
        limitUsd: alert.limitUsd,
        message: alert.message,
      })
      .catch((error: Error) => this.logger.warn(`budget alert not stored: ${error.message.split('\n')[0]}`));
    const webhook = this.config.sii.slackWebhookUrl;
    if (!webhook) return;
    const icon = alert.level === 'critical' ? ':red_circle:' : ':large_yellow_circle:';
    const text = `${icon} ${escapeSlack(alert.message)}`;
    await postToSlack(webhook, { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] }, { timeoutMs: 5000 }).catch((error: Error) =>
      this.logger.warn(`budget alert not sent to Slack: ${error.message}`),
    );
  }
}
