import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { KvStore } from 'src/infra/redis';

/**
 * Counts wrong keys per client address, shared by the replicas. Once an address has failed
 * AUTH_FAILURE_LIMIT times in AUTH_FAILURE_WINDOW_MS, every key it presents is refused until the window ends,
 * so guessing gains nothing from the answer.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    private readonly store: KvStore,
    config: AppConfig,
  ) {
    ({ failureLimit: this.limit, failureWindowMs: this.windowMs } = config.auth);
  }

  /** Milliseconds until the address may try keys again; 0 when it may now. */
  async blockedForMs(address: string): Promise<number> {
    const failures = Number((await this.store.get(this.key(address))) ?? 0);
    if (failures < this.limit) return 0;
    const left = await this.store.ttlMs(this.key(address));
    return left > 0 ? left : this.windowMs;
  }

  async recordFailure(address: string): Promise<void> {
    await this.store.incrBy(this.key(address), 1, this.windowMs);
  }

  private key(address: string): string {
    return `auth-failures:${address}`;
  }
}
