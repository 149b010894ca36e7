import { getHeapStatistics } from 'node:v8';
import { ApiKeyEntry, configuredKeys } from './api-keys';
import { HttpTimeouts, httpTimeouts, trustProxyOf } from './http-timeouts';
import { ConfigError, EnvDto, validateEnv } from './env.schema';

export type VendorName = 'anthropic' | 'openai' | 'gemini' | 'groq' | 'deepseek' | 'openai-compatible';

export type { ApiKeyEntry };

export interface VendorSettings {
  apiKey?: string;
  baseUrl?: string;
}

export interface ProviderLimitOverride {
  rpm?: number;
  tpm?: number;
  rpd?: number;
}

export type RouteLimitName = 'default' | 'dteValidate' | 'matchPo' | 'payroll' | 'indicators' | 'chat' | 'siiMonitor' | 'llmProxy';

/** The validated, typed configuration tree; built once at start-up. */
export class AppConfig {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly logLevel: string,
    readonly nodeEnv: string,
    readonly database: { url?: string; dataDir: string; poolSize: number },
    /** memoryStore: bounds of the in-process store used without REDIS_URL (and while Redis is unreachable). */
    readonly redis: {
      url?: string;
      keyPrefix: string;
      memoryStore: { maxEntries: number; maxBytes: number };
      /** Span of its own traffic a replica may charge ahead in a shared limit window (0: every request checks Redis); also how stale a wrong-key count may be. */
      limitLeaseMs: number;
    },
    readonly auth: { keys: ApiKeyEntry[]; adminKey?: string; failureLimit: number; failureWindowMs: number },
    readonly vendors: Record<VendorName, VendorSettings> & { anthropicModel?: string; openaiCompatibleModels: string[] },
    readonly llm: {
      defaultModel?: string;
      catalogPath?: string;
      providerLimits: Partial<Record<VendorName, ProviderLimitOverride>>;
      fallbackChains: Record<string, string[]>;
      timeoutMs: number;
      requestDeadlineMs: number;
      maxRetries: number;
      retryBaseMs: number;
      retryMaxMs: number;
      breakerFailureThreshold: number;
      breakerOpenMs: number;
      rateLimitMaxWaitMs: number;
      minuteMs: number;
      dayMs: number;
      maxEstimatedCostPerRequest: number;
      promptCaching: boolean;
      responseCacheTtlSeconds: number;
      costFlushIntervalMs: number;
      /** Days of usage rows and quota alerts kept (at least 90); null keeps every row (the default: they are the cost records finance exports). */
      usageRetentionDays: number | null;
      /** Usage rows kept while Postgres is unreachable; beyond it the oldest are dropped (and counted). */
      usageBufferMaxRows: number;
      /** And at most this many bytes (estimated): an eighth of the V8 heap limit, so an outage cannot exhaust a capped heap. */
      usageBufferMaxBytes: number;
      /** Proxy models without a catalog price: refused unless allowed, then priced at unpricedPrice and flagged. */
      allowUnpricedModels: boolean;
      unpricedPrice: { input: string; output: string };
      /** Whether /v1 callers get the offline answer (instead of a 503) when no vendor can serve. */
      proxyOfflineAnswers: boolean;
      /** Odoo's features send RUTs and e-mail addresses to vendors as placeholders (src/gateway/privacy). */
      pseudonymizePersonalData: boolean;
      dropUnsupportedParams: boolean;
      /** Whether requests with tools or images may be answered from the response cache. */
      responseCacheTools: boolean;
      /** How a model's several deployments share requests. */
      loadBalancing: 'weighted' | 'least-busy' | 'lowest-latency';
    },
    readonly http: {
      throttleTtlMs: number;
      routeLimits: Record<RouteLimitName, number>;
      bodyLimitBytes: number;
      shutdownTimeoutMs: number;
      timeouts: HttpTimeouts;
      trustProxy: boolean | number | string;
    },
    readonly chat: { sessionTtlSeconds: number; maxMessageLength: number; historySize: number; answerDeadlineMs: number },
    readonly sii: {
      enabled: boolean;
      cron: string;
      sourcesJson?: string;
      allowedHosts: string[];
      fetchTimeoutMs: number;
      maxPageBytes: number;
      retentionDays: number;
      slackWebhookUrl?: string;
      slackTechLeadId?: string;
    },
    readonly payrollSources: {
      enabled: boolean;
      cron: string;
      siiBaseUrl: string;
      previredUrl: string;
      secondSource: 'mindicador' | 'cmf' | 'none';
      mindicadorBaseUrl: string;
      cmfBaseUrl: string;
      cmfApiKey?: string;
      fetchTimeoutMs: number;
    } = PAYROLL_SOURCE_DEFAULTS,
    /** Runtime keys and budgets (src/keys): bootstrap file, cache refresh, how long a budget reservation lives. */
    readonly keys: { configPath?: string; refreshMs: number; budgetLeaseMs: number } = { refreshMs: 2000, budgetLeaseMs: 600_000 },
  ) {}

  /** Vendors with an API key (or, for the OpenAI-compatible server, a base URL). */
  configuredVendors(): VendorName[] {
    return VENDOR_NAMES.filter((v) => (v === 'openai-compatible' ? Boolean(this.vendors[v].baseUrl) : Boolean(this.vendors[v].apiKey)));
  }
}

const VENDOR_ENV: Record<VendorName, [keyof EnvDto, keyof EnvDto]> = {
  anthropic: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'],
  openai: ['OPENAI_API_KEY', 'OPENAI_BASE_URL'],
  gemini: ['GEMINI_API_KEY', 'GEMINI_BASE_URL'],
  groq: ['GROQ_API_KEY', 'GROQ_BASE_URL'],
  deepseek: ['DEEPSEEK_API_KEY', 'DEEPSEEK_BASE_URL'],
  'openai-compatible': ['OPENAI_COMPATIBLE_API_KEY', 'OPENAI_COMPATIBLE_BASE_URL'],
};

/** Every vendor the service can speak to, configured or not. */
export const VENDOR_NAMES = Object.keys(VENDOR_ENV) as VendorName[];

function parseJson<T>(name: string, raw: string | undefined, fallback: T, problems: string[]): T {
  if (!raw) return fallback;
  try {
    const parsed = JSON.parse(raw);
    if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
    return parsed as T;
  } catch {
    problems.push(`  - ${name}: must be a JSON object`);
    return fallback;
  }
}

/** Validates the environment and builds the typed configuration; throws ConfigError naming every bad variable. */
/** Where the payroll indicators are fetched from (shared/domain/indicator-sources.md) and when. */
export const PAYROLL_SOURCE_DEFAULTS = {
  enabled: true,
  cron: '0 30 8,14 * * *',
  siiBaseUrl: 'https://www.sii.cl/valores_y_fechas',
  previredUrl: 'https://www.previred.com/indicadores-previsionales/',
  secondSource: 'mindicador' as const,
  mindicadorBaseUrl: 'https://mindicador.cl/api',
  cmfBaseUrl: 'https://api.cmfchile.cl/api-sbifv3/recursos_api',
  fetchTimeoutMs: 15_000,
};

export function loadConfig(raw: Record<string, string | undefined> = process.env): AppConfig {
  let env: EnvDto;
  const problems: string[] = [];
  try {
    env = validateEnv(raw);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Keep collecting the cross-field problems too, so one message names every variable.
    const extra: string[] = [];
    configuredKeys(raw, extra);
    parseJson('PROVIDER_LIMITS', raw.PROVIDER_LIMITS, {}, extra);
    parseJson('FALLBACK_CHAINS', raw.FALLBACK_CHAINS, {}, extra);
    throw new ConfigError([error.message, ...extra].join('\n'));
  }
  const keys = configuredKeys(env, problems);
  const providerLimits = parseJson('PROVIDER_LIMITS', env.PROVIDER_LIMITS, {}, problems);
  const fallbackChains = parseJson('FALLBACK_CHAINS', env.FALLBACK_CHAINS, {}, problems);
  const timeouts = httpTimeouts(env, problems);
  if (problems.length) throw new ConfigError(`Invalid configuration (${problems.length}):\n${problems.join('\n')}`);

  const vendors = Object.fromEntries(
    (Object.entries(VENDOR_ENV) as [VendorName, [keyof EnvDto, keyof EnvDto]][]).map(([v, [k, u]]) => [v, { apiKey: env[k] as string | undefined, baseUrl: env[u] as string | undefined }]),
  ) as Record<VendorName, VendorSettings>;
  const throttlePerMin = env.THROTTLE_DEFAULT_PER_MIN ?? 60;

  return new AppConfig(
    env.PORT ?? 8002,
    env.HOST ?? '0.0.0.0',
    env.LOG_LEVEL ?? 'info',
    env.NODE_ENV ?? 'development',
    { url: env.DATABASE_URL, dataDir: env.DATA_DIR ?? './data', poolSize: env.DB_POOL_SIZE ?? 10 },
    {
      url: env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX ?? '',
      memoryStore: { maxEntries: env.MEMORY_STORE_MAX_ENTRIES ?? 100_000, maxBytes: (env.MEMORY_STORE_MAX_MB ?? 64) * 1024 * 1024 },
      limitLeaseMs: env.LIMIT_LEASE_MS ?? 100,
    },
    { keys, adminKey: env.ADMIN_API_KEY, failureLimit: env.AUTH_FAILURE_LIMIT ?? 20, failureWindowMs: env.AUTH_FAILURE_WINDOW_MS ?? 60_000 },
    {
      ...vendors,
      anthropicModel: env.ANTHROPIC_MODEL,
      openaiCompatibleModels: (env.OPENAI_COMPATIBLE_MODELS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    {
      defaultModel: env.DEFAULT_MODEL,
      catalogPath: env.MODEL_CATALOG_PATH,
      providerLimits,
      fallbackChains,
      timeoutMs: env.LLM_TIMEOUT_MS ?? 30_000,
      requestDeadlineMs: env.LLM_REQUEST_DEADLINE_MS ?? 60_000,
      maxRetries: env.LLM_MAX_RETRIES ?? 3,
      retryBaseMs: env.LLM_RETRY_BASE_MS ?? 1_000,
      retryMaxMs: env.LLM_RETRY_MAX_MS ?? 16_000,
      breakerFailureThreshold: env.BREAKER_FAILURE_THRESHOLD ?? 5,
      breakerOpenMs: env.BREAKER_OPEN_MS ?? 60_000,
      rateLimitMaxWaitMs: env.RATE_LIMIT_MAX_WAIT_MS ?? 5_000,
      minuteMs: env.LIMIT_MINUTE_MS ?? 60_000,
      dayMs: env.LIMIT_DAY_MS ?? 86_400_000,
      maxEstimatedCostPerRequest: env.MAX_ESTIMATED_COST_PER_REQUEST ?? 1,
      promptCaching: env.ENABLE_PROMPT_CACHING ?? true,
      responseCacheTtlSeconds: env.RESPONSE_CACHE_TTL_SECONDS ?? 3600,
      costFlushIntervalMs: env.COST_FLUSH_INTERVAL_MS ?? 1_000,
      usageRetentionDays: env.USAGE_RETENTION_DAYS ?? null,
      usageBufferMaxRows: env.USAGE_BUFFER_MAX_ROWS ?? 50_000,
      usageBufferMaxBytes: Math.floor(getHeapStatistics().heap_size_limit / 8),
      allowUnpricedModels: env.ALLOW_UNPRICED_MODELS ?? false,
      unpricedPrice: (([input, output]) => ({ input, output }))((env.UNPRICED_MODEL_PRICE ?? '15.00/75.00').split('/')),
      proxyOfflineAnswers: env.PROXY_OFFLINE_ANSWERS ?? false,
      pseudonymizePersonalData: env.PSEUDONYMIZE_PERSONAL_DATA ?? false,
      dropUnsupportedParams: env.DROP_UNSUPPORTED_PARAMS ?? false,
      responseCacheTools: env.RESPONSE_CACHE_TOOLS ?? false,
      loadBalancing: env.LOAD_BALANCING ?? 'weighted',
    },
    {
      throttleTtlMs: env.THROTTLE_TTL_MS ?? 60_000,
      routeLimits: {
        default: throttlePerMin,
        dteValidate: env.THROTTLE_DTE_VALIDATE_PER_MIN ?? 20,
        matchPo: env.THROTTLE_MATCH_PO_PER_MIN ?? 30,
        payroll: env.THROTTLE_PAYROLL_PER_MIN ?? 20,
        indicators: env.THROTTLE_INDICATORS_PER_MIN ?? 10,
        chat: env.THROTTLE_CHAT_PER_MIN ?? 30,
        siiMonitor: env.THROTTLE_SII_MONITOR_PER_MIN ?? 5,
        llmProxy: env.THROTTLE_LLM_PROXY_PER_MIN ?? 600,
      },
      bodyLimitBytes: env.BODY_LIMIT_BYTES ?? 1_048_576,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS ?? 10_000,
      timeouts,
      trustProxy: trustProxyOf(env.TRUST_PROXY),
    },
    {
      sessionTtlSeconds: env.CHAT_SESSION_TTL ?? 3600,
      maxMessageLength: env.CHAT_MAX_MESSAGE_LENGTH ?? 5000,
      historySize: env.CHAT_HISTORY_SIZE ?? 10,
      // Odoo's chat wizard waits 30 s for POST /api/chat: a whole answer, the knowledge-base one included, must come first.
      answerDeadlineMs: env.CHAT_ANSWER_DEADLINE_MS ?? 25_000,
    },
    {
      enabled: env.SII_MONITOR_ENABLED ?? true,
      cron: env.SII_MONITOR_CRON ?? '0 */6 * * *',
      sourcesJson: env.SII_SOURCES,
      allowedHosts: (env.SII_ALLOWED_HOSTS ?? 'www.sii.cl,sii.cl,www3.sii.cl,www4.sii.cl')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      fetchTimeoutMs: env.SII_FETCH_TIMEOUT_MS ?? 15_000,
      maxPageBytes: env.SII_MAX_PAGE_BYTES ?? 5_000_000,
      retentionDays: env.SII_RETENTION_DAYS ?? 180,
      slackWebhookUrl: env.SLACK_WEBHOOK_URL,
      slackTechLeadId: env.SLACK_TECH_LEAD_ID,
    },
    {
      enabled: env.PAYROLL_FETCH_ENABLED ?? PAYROLL_SOURCE_DEFAULTS.enabled,
      cron: env.PAYROLL_FETCH_CRON ?? PAYROLL_SOURCE_DEFAULTS.cron,
      siiBaseUrl: env.PAYROLL_SII_BASE_URL ?? PAYROLL_SOURCE_DEFAULTS.siiBaseUrl,
      previredUrl: env.PAYROLL_PREVIRED_URL ?? PAYROLL_SOURCE_DEFAULTS.previredUrl,
      secondSource: env.PAYROLL_SECOND_SOURCE ?? (env.CMF_API_KEY ? 'cmf' : PAYROLL_SOURCE_DEFAULTS.secondSource),
      mindicadorBaseUrl: env.PAYROLL_MINDICADOR_BASE_URL ?? PAYROLL_SOURCE_DEFAULTS.mindicadorBaseUrl,
      cmfBaseUrl: env.PAYROLL_CMF_BASE_URL ?? PAYROLL_SOURCE_DEFAULTS.cmfBaseUrl,
      cmfApiKey: env.CMF_API_KEY,
      fetchTimeoutMs: env.PAYROLL_FETCH_TIMEOUT_MS ?? PAYROLL_SOURCE_DEFAULTS.fetchTimeoutMs,
    },
    { configPath: env.KEYS_CONFIG_PATH, refreshMs: env.KEYS_REFRESH_MS ?? 2000, budgetLeaseMs: env.BUDGET_LEASE_MS ?? 600_000 },
  );
}
