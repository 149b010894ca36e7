import { Global, Module } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AdminAuditRepository } from 'src/admin/admin-audit.repository';
import { CallerDirectory } from 'src/common/auth';
import { AppConfig } from 'src/config';
import { KvStore, RedisHandle } from 'src/infra/redis';
import { BudgetAlertListener } from './budget-alert.listener';
import { BudgetGauges } from './budget-gauges';
import { KeysConfigService } from './config/keys-config.service';
import { KeyDirectory } from './key-directory';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';
import { BUDGET_ALERT_EVENT, BudgetAlertMonitor } from './policy/budget-alerts';
import { CallerPolicy } from './policy/caller-policy';
import { CallerPolicyService } from './policy/caller-policy.service';
import { RedisPolicyCounters } from './policy/redis-policy-counters';

/**
 * Keys and budgets managed at runtime: the cache the auth guard reads (CallerDirectory), the admin API,
 * the keys config file, and CallerPolicy for the gateway. Global so the guard and the gateway can inject them.
 */
@Global()
@Module({
  controllers: [KeysController],
  providers: [
    KeysRepository,
    KeyDirectory,
    { provide: CallerDirectory, useExisting: KeyDirectory },
    KeysService,
    KeysConfigService,
    AdminAuditRepository,
    BudgetAlertListener,
    BudgetGauges,
    {
      provide: CallerPolicyService,
      inject: [KeyDirectory, RedisHandle, KvStore, EventEmitter2, AppConfig],
      useFactory: (directory: KeyDirectory, redis: RedisHandle, kv: KvStore, events: EventEmitter2, config: AppConfig) =>
        new CallerPolicyService(directory, new RedisPolicyCounters(redis), new BudgetAlertMonitor(kv, (alert) => events.emit(BUDGET_ALERT_EVENT, alert)), {
          minuteMs: config.llm.minuteMs,
          leaseMs: config.keys.budgetLeaseMs,
        }),
    },
    { provide: CallerPolicy, useExisting: CallerPolicyService },
  ],
  exports: [CallerDirectory, KeyDirectory, CallerPolicy, CallerPolicyService],
})
export class KeysModule {}
