/** Public types of the vendor emulator: options, scripted rules, usage and stats. */

/** The wire format a request arrived in; Groq, DeepSeek and OpenAI-compatible servers all speak `openai`. */
export type EmulatorVendor = 'openai' | 'anthropic' | 'gemini';

/** Options for `startEmulator`. */
export interface EmulatorOptions {
  /** Port to listen on; 0 or omitted picks a free one. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  /** Delay before every answer (time to first byte), unless a rule sets its own. Default 0. */
  latencyMs?: number;
  /** Gap between streamed text chunks, unless a rule sets its own. Default 5. */
  chunkDelayMs?: number;
  /** Seed for probability rules that bring no seed of their own. Default 1. */
  seed?: number;
  /** Smallest repeated prefix (in tokens) that OpenAI-wire and Gemini implicit caching reports. Default 1024. */
  cacheMinTokens?: number;
  /** How many request log entries `stats().requests` keeps (oldest dropped first). Default 10000. */
  maxRequestLog?: number;
  /** How many request bodies `requests()` keeps across vendors (oldest dropped first); 0 records none. Default 200. */
  maxRecordedRequests?: number;
}

/** A request as the emulator received it: credentials in headers and query reduced to `…` + their last 4 characters. */
export interface RecordedRequest {
  vendor: EmulatorVendor;
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The parsed JSON body. */
  body: unknown;
  /** Epoch milliseconds. */
  at: number;
}

/** Token usage in vendor-neutral terms; `inputTokens` counts the whole prompt, cached parts included. */
export interface EmulatorUsage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  cacheCreationTokens: number;
}

/** A scripted behaviour: which requests it matches, how often, and what the emulator does instead of a normal answer. */
export interface EmulatorRule {
  /** Wire format to match; default `any`. */
  vendor?: EmulatorVendor | 'any';
  /** Exact model name, or a prefix ending in `*` (`gpt-4o*`). */
  model?: string;
  /** Apply to the next N matching requests only; without count or probability the rule stays until reset. */
  count?: number;
  /** Apply to each matching request with this chance (0..1), drawn from a seeded generator. */
  probability?: number;
  /** Seed for this rule's generator; defaults to the emulator seed. */
  seed?: number;
  /** Answer with this HTTP status and the vendor's error body. */
  status?: number;
  /** Message inside the error body. */
  errorMessage?: string;
  /** `retry-after` header in seconds (with `status`). */
  retryAfter?: number;
  /** `retry-after-ms` header (with `status`). */
  retryAfterMs?: number;
  /** Delay before answering. */
  latencyMs?: number;
  /** The model's context window in tokens: a longer prompt gets the vendor's own 400 for it. */
  contextWindow?: number;
  /** Answer 200 with a truncated JSON body (or a broken SSE event when streaming). */
  malformedJson?: boolean;
  /** Stream only the opening events plus this many text chunks, then destroy the socket. */
  cutStreamAfterChunks?: number;
  /** Stream only the opening events plus this many text chunks, then send nothing more while the client waits. */
  stallStreamAfterChunks?: number;
  /** Never answer; the request stays open until the client aborts or the emulator closes. */
  hang?: boolean;
  /** Answer with this text instead of the generated one. */
  reply?: string;
  /**
   * A content filter stops the answer halfway: OpenAI `finish_reason: "content_filter"`, Anthropic
   * `stop_reason: "refusal"`, Gemini `finishReason: "SAFETY"` (no tool call is made).
   */
  contentFilter?: boolean;
  /** Gap between streamed text chunks for matched requests. */
  chunkDelayMs?: number;
  /** Overrides parts of the computed usage. */
  usage?: Partial<EmulatorUsage>;
}

/** What finally happened to a request. */
export type RequestOutcome = 'pending' | 'ok' | 'error' | 'malformed' | 'cut' | 'hang' | 'aborted';

/** One received request, in arrival order. */
export interface RequestLogEntry {
  vendor: EmulatorVendor;
  model: string;
  stream: boolean;
  /** Arrival time in epoch milliseconds with sub-millisecond precision. */
  at: number;
  status: number;
  outcome: RequestOutcome;
}

/** Counters for one vendor or one vendor+model pair. */
export interface RequestCounters {
  received: number;
  answered: number;
}

/** A scripted rule and how much of it is left. */
export interface RuleState {
  id: number;
  rule: EmulatorRule;
  hits: number;
  /** Remaining applications; null when unlimited. */
  remaining: number | null;
}

/** A snapshot of what the emulator received and answered successfully. */
export interface EmulatorStats {
  received: number;
  /** Requests that got a complete 200 answer (streams: the terminal event was written). */
  answered: number;
  byVendor: Record<EmulatorVendor, RequestCounters>;
  /** Keyed `vendor:model`. */
  byModel: Record<string, RequestCounters & { vendor: EmulatorVendor; model: string; usage: EmulatorUsage }>;
  /** Sum of the usage reported in successful answers. */
  usage: EmulatorUsage;
  requests: RequestLogEntry[];
  rules: RuleState[];
}

/** A running emulator. */
export interface Emulator {
  /** Base URL such as `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Adds a rule; rules are tried in the order they were added. */
  script(rule: EmulatorRule): RuleState;
  /** Drops all rules, counters, the request log, the recorded requests and the prompt caches. */
  reset(): void;
  /** A copy of the current counters. */
  stats(): EmulatorStats;
  /** Received requests with their bodies, oldest first, optionally for one vendor (also `GET /_emulator/requests?vendor=`). */
  requests(vendor?: EmulatorVendor): RecordedRequest[];
  /** The most recent request received, optionally for one vendor. */
  lastRequest(vendor?: EmulatorVendor): RecordedRequest | undefined;
  /** Stops listening and destroys open connections (hung requests included). */
  close(): Promise<void>;
}
