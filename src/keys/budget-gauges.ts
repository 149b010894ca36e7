import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { CallerPolicyService } from './policy/caller-policy.service';

const NAME = 'llm_budget_remaining_usd';

/**
 * `llm_budget_remaining_usd{scope="key"|"company", name}`: what is left of each configured budget this period,
 * read from the shared counters at scrape time. Only configured budgets appear (at most MAX_REPORTED_BUDGETS),
 * so the label set is bounded by what operators create, never by traffic.
 */
@Injectable()
export class BudgetGauges implements OnModuleInit {
  constructor(private readonly policy: CallerPolicyService) {}

  onModuleInit(): void {
    // Several apps in one process (tests) share the registry: the newest app's policy answers the scrape.
    register.removeSingleMetric(NAME);
    const policy = this.policy;
    new Gauge({
      name: NAME,
      help: 'USD left in each key and company budget for the current period',
      labelNames: ['scope', 'name'],
      async collect() {
        this.reset();
        for (const status of await policy.statuses().catch(() => [])) this.set({ scope: status.scope, name: status.target }, Number(status.remainingUsd));
      },
    });
  }
}
