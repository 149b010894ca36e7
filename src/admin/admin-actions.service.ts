import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Caller } from 'src/common/auth';
import { GATEWAY_DEPS } from 'src/gateway/gateway.module.tokens';
import type { GatewayDeps } from 'src/gateway/gateway-deps';
import { AdminAuditRepository } from './admin-audit.repository';
import type { BreakerView } from './provider-health';

/** Operator actions on a provider; each one is audited with the caller's key name. */
@Injectable()
export class AdminActionsService {
  constructor(
    @Inject(GATEWAY_DEPS) private readonly deps: GatewayDeps,
    private readonly audit: AdminAuditRepository,
  ) {}

  /** Clears the provider's RPM/TPM/RPD windows (shared through Redis, so on every replica). */
  async resetQuotas(caller: Caller, provider: string): Promise<{ provider: string; quotas: Record<'rpm' | 'tpm' | 'rpd', number> }> {
    this.assertKnown(provider);
    const before = await this.deps.limiter.usage(provider);
    await this.deps.limiter.reset(provider);
    await this.audit.record({ keyName: caller.keyName, action: 'quotas.reset', target: provider, detail: { ...before } });
    return { provider, quotas: await this.deps.limiter.usage(provider) };
  }

  /** Force-closes the provider's breaker; the change is broadcast to every replica. */
  async closeBreaker(caller: Caller, provider: string): Promise<{ provider: string; breaker: BreakerView; previous: BreakerView }> {
    this.assertKnown(provider);
    const previous = this.deps.breakers.state(provider);
    await this.deps.breakers.close(provider);
    await this.audit.record({ keyName: caller.keyName, action: 'breaker.close', target: provider, detail: { previous } });
    return { provider, breaker: this.deps.breakers.state(provider), previous };
  }

  private assertKnown(provider: string): void {
    if (!Object.hasOwn(this.deps.catalog.limits, provider)) {
      throw new NotFoundException(`Unknown provider "${provider}": use one of ${Object.keys(this.deps.catalog.limits).join(', ')}`);
    }
  }
}
