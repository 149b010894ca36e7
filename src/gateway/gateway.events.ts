import type { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';

/** Events on the Nest event bus for every gateway outcome; metrics and storage consume them. */
export enum GatewayEvent {
  Completed = 'ai.request.completed',
  Failed = 'ai.request.failed',
  Fallback = 'ai.fallback.triggered',
  QuotaAlert = 'ai.quota.alert',
  ProviderHealth = 'ai.provider.health',
  Retry = 'ai.request.retry',
  ResponseCacheHit = 'ai.response-cache.hit',
  Usage = 'ai.usage.recorded',
}

export interface FallbackEvent {
  requestId: string;
  from: string;
  to: string;
  reason: string;
}

export interface QuotaAlertEvent {
  provider: string;
  window: 'rpm' | 'tpm' | 'rpd';
  level: 'warning' | 'critical';
  utilization: number;
  used: number;
  limit: number;
  message: string;
  createdAt: Date;
}

export interface ProviderHealthEvent {
  provider: string;
  breaker: 'closed' | 'open' | 'half-open';
}

/**
 * Subscribes a listener to an event every request emits (Usage, Completed), called synchronously inside emit().
 * `@OnEvent` wraps each listener in an async function: an argument array, a promise and a microtask per call, for
 * listeners that only buffer or count. As with `@OnEvent`, a listener's error is logged and never reaches the
 * request that emitted the event.
 */
export function onRequestEvent<T>(events: EventEmitter2, event: GatewayEvent, logger: Logger, listener: (payload: T) => void): void {
  events.on(event, (payload: T) => {
    try {
      listener(payload);
    } catch (error) {
      logger.error((error as Error).message, (error as Error).stack);
    }
  });
}
