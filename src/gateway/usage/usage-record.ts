import type { ProviderId, TokenUsage } from '../llm.types';

/** One request's outcome as stored in `usage_records` and counted in metrics. */
export interface UsageRecord {
  requestId: string;
  createdAt: Date;
  apiKeyName: string;
  companyId: number | null;
  operation: string;
  route: string;
  provider: ProviderId | 'cache' | 'none';
  model: string;
  usage: TokenUsage;
  costUsd: string;
  latencyMs: number;
  status: 'success' | 'error' | 'partial' | 'cached';
  attempts: number;
  usedFallback: boolean;
  streamed: boolean;
  errorKind?: string;
}
