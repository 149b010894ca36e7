import { Injectable, NotFoundException } from '@nestjs/common';
import type { Caller } from 'src/common/auth';
import { GatewayAdmin } from 'src/gateway';
import { AdminAuditRepository } from './admin-audit.repository';
import type { BreakerView } from './provider-health';

/** Operator actions on a provider; each one is audited with the caller's key name. */
@Injectable()
export class AdminActionsService {
  constructor(
    private readonly gateway: GatewayAdmin,
    private readonly audit: AdminAuditRepository,
  ) {}

  /** Clears the provider's RPM/TPM/RPD windows (shared through Redis, so on every replica). */
  async resetQuotas(caller: Caller, provider: string): Promise<{ provider: string; quotas: Record<'rpm' | 'tpm' | 'rpd', number> }> {
    this.assertKnown(provider);
    const before = await this.gateway.quotaUsage(provider);
    await this.gateway.resetQuotas(provider);
    await this.audit.record({ keyName: caller.keyName, action: 'quotas.reset', target: provider, detail: { ...before } });
    return { provider, quotas: await this.gateway.quotaUsage(provider) };
  }

  /** Force-closes the provider's breaker; the change is broadcast to every replica. */
  async closeBreaker(caller: Caller, provider: string): Promise<{ provider: string; breaker: BreakerView; previous: BreakerView }> {
    this.assertKnown(provider);
    const previous = this.gateway.breakerState(provider);
    await this.gateway.closeBreaker(provider);
    await this.audit.record({ keyName: caller.keyName, action: 'breaker.close', target: provider, detail: { previous } });
    return { provider, breaker: this.gateway.breakerState(provider), previous };
  }

  /** Re-reads the catalog file on this replica (each replica also reloads by itself when the file changes). */
  async reloadCatalog(caller: Caller) {
    const result = await this.gateway.reloadCatalog();
    await this.audit.record({ keyName: caller.keyName, action: 'catalog.reload', target: 'catalog', detail: { ...result } });
    return result;
  }

  private assertKnown(provider: string): void {
    if (!this.gateway.knownProviders().includes(provider)) {
      throw new NotFoundException(`Unknown provider "${provider}": use one of ${this.gateway.knownProviders().join(', ')}`);
    }
  }
}
