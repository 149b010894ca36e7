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
