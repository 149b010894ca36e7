import type { ProviderId, TokenUsage } from '../llm.types';

/** One request's outcome as stored in `usage_records` and counted in metrics. */
export interface UsageRecord {
  /** This row's own identity (a request may write several rows: a failed target, then the one that served). */
  rowId: string;
  /** The gateway's id of the request. */
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
  /** The caller's own X-Request-Id, for correlation only. */
  correlationId?: string;
  /** Priced at the operator's default because the model has no catalog price. */
  unpriced?: boolean;
  /** Caller-supplied labels for cost reports. */
  tags?: string[];
}
