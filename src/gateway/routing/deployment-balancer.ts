import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type { CatalogModel, Deployment } from '../catalog/model-catalog';
import { ProviderRegistry } from '../providers/provider.registry';
import { SharedCircuitBreakers } from '../resilience/circuit-breaker';

export type BalancingStrategy = 'weighted' | 'least-busy' | 'lowest-latency';

/** Weight of the newest latency in the moving average the lowest-latency strategy compares. */
const LATENCY_SMOOTHING = 0.2;

/**
 * Orders a model's deployments for one request: only those with an account, healthy (breaker not open) before
 * the rest, then by the strategy: a weighted random order (each deployment first in proportion to its weight),
 * fewest requests in flight on this replica, or lowest recent latency. The rest of the order is the fallback
 * among deployments, tried before the chain moves to another model.
 */
@Injectable()
export class DeploymentBalancer {
  private readonly inFlight = new Map<string, number>();
  private readonly latency = new Map<string, number>();
  private readonly strategy: BalancingStrategy;

  constructor(
    config: AppConfig,
    private readonly providers: ProviderRegistry,
    private readonly breakers: SharedCircuitBreakers,
  ) {
    this.strategy = config.llm.loadBalancing;
  }

  /** The random source of the weighted order; replaced in tests. */
  random: () => number = Math.random;

  arrange(model: CatalogModel): Deployment[] {
    const usable = (model.deployments ?? []).filter((d) => this.providers.serves(d));
    const keyed = usable.map((d) => ({ d, open: this.breakers.state(d.id) === 'open', score: this.score(d) }));
    keyed.sort((a, b) => Number(a.open) - Number(b.open) || a.score - b.score);
    return keyed.map((k) => k.d);
  }

  /** Lower goes first. Weighted: Efraimidis–Spirakis keys (u^(1/w), larger first), negated. */
  private score(d: Deployment): number {
    if (this.strategy === 'least-busy') return (this.inFlight.get(d.id) ?? 0) - d.weight / 1e6;
    if (this.strategy === 'lowest-latency') return this.latency.get(d.id) ?? 0;
    return -Math.pow(this.random(), 1 / d.weight);
  }

  started(deployment: string | undefined): void {
    if (deployment) this.inFlight.set(deployment, (this.inFlight.get(deployment) ?? 0) + 1);
  }

  finished(deployment: string | undefined, latencyMs?: number): void {
    if (!deployment) return;
    this.inFlight.set(deployment, Math.max(0, (this.inFlight.get(deployment) ?? 1) - 1));
    if (latencyMs !== undefined) {
      const before = this.latency.get(deployment);
      this.latency.set(deployment, before === undefined ? latencyMs : before + LATENCY_SMOOTHING * (latencyMs - before));
    }
  }
}
