import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, Matches, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
        ? false
        : value;
const URL_OPTS = { require_tld: false, require_protocol: true };

/**
 * Every environment variable the service reads. Names of the existing Python service keep their meaning
 * (API_KEY, ANTHROPIC_API_KEY, ANTHROPIC_MODEL, REDIS_URL, CHAT_SESSION_TTL, ENABLE_PROMPT_CACHING,
 * MAX_ESTIMATED_COST_PER_REQUEST); .env.example documents each one.
 */
export class EnvDto {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;

  @IsOptional() @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true }) DATABASE_URL?: string;
  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) DB_POOL_SIZE?: number;
  @IsOptional() @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true }) REDIS_URL?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9:_.-]{1,64}$/, { message: 'REDIS_KEY_PREFIX must be 1-64 letters, digits or : _ . -' }) REDIS_KEY_PREFIX?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) MEMORY_STORE_MAX_ENTRIES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) MEMORY_STORE_MAX_MB?: number;

  @IsOptional() @IsString() @MinLength(16, { message: 'API_KEY must be at least 16 characters' }) API_KEY?: string;
  @IsOptional() @IsString() API_KEYS?: string;
  @IsOptional() @IsString() @MinLength(16, { message: 'ADMIN_API_KEY must be at least 16 characters' }) ADMIN_API_KEY?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) AUTH_FAILURE_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) AUTH_FAILURE_WINDOW_MS?: number;

  @IsOptional() @IsString() ANTHROPIC_API_KEY?: string;
  @IsOptional() @IsUrl(URL_OPTS) ANTHROPIC_BASE_URL?: string;
  @IsOptional() @IsString() ANTHROPIC_MODEL?: string;
  @IsOptional() @IsString() OPENAI_API_KEY?: string;
  @IsOptional() @IsUrl(URL_OPTS) OPENAI_BASE_URL?: string;
  @IsOptional() @IsString() GEMINI_API_KEY?: string;
  @IsOptional() @IsUrl(URL_OPTS) GEMINI_BASE_URL?: string;
  @IsOptional() @IsString() GROQ_API_KEY?: string;
  @IsOptional() @IsUrl(URL_OPTS) GROQ_BASE_URL?: string;
  @IsOptional() @IsString() DEEPSEEK_API_KEY?: string;
  @IsOptional() @IsUrl(URL_OPTS) DEEPSEEK_BASE_URL?: string;
  @IsOptional() @IsString() OPENAI_COMPATIBLE_API_KEY?: string;
  @IsOptional() @IsUrl(URL_OPTS) OPENAI_COMPATIBLE_BASE_URL?: string;
  @IsOptional() @IsString() OPENAI_COMPATIBLE_MODELS?: string;

  @IsOptional() @IsString() DEFAULT_MODEL?: string;
  @IsOptional() @IsString() MODEL_CATALOG_PATH?: string;
  @IsOptional() @IsString() PROVIDER_LIMITS?: string;
  @IsOptional() @IsString() FALLBACK_CHAINS?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) LLM_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) LLM_REQUEST_DEADLINE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10) LLM_MAX_RETRIES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LLM_RETRY_BASE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LLM_RETRY_MAX_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) BREAKER_FAILURE_THRESHOLD?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) BREAKER_OPEN_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) RATE_LIMIT_MAX_WAIT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) LIMIT_MINUTE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(1000) LIMIT_LEASE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) LIMIT_DAY_MS?: number;
  @IsOptional() @Transform(toInt) @IsNumber() @Min(0) MAX_ESTIMATED_COST_PER_REQUEST?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() ENABLE_PROMPT_CACHING?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) RESPONSE_CACHE_TTL_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) COST_FLUSH_INTERVAL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(90) USAGE_RETENTION_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) USAGE_BUFFER_MAX_ROWS?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() ALLOW_UNPRICED_MODELS?: boolean;
  @IsOptional() @Matches(/^\d{1,6}(\.\d{1,6})?\/\d{1,6}(\.\d{1,6})?$/, { message: 'UNPRICED_MODEL_PRICE must be input/output USD per million tokens, e.g. 3.00/15.00' }) UNPRICED_MODEL_PRICE?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() PROXY_OFFLINE_ANSWERS?: boolean;
  @IsOptional() @Transform(toBool) @IsBoolean() PSEUDONYMIZE_PERSONAL_DATA?: boolean;
  @IsOptional() @Transform(toBool) @IsBoolean() DROP_UNSUPPORTED_PARAMS?: boolean;
  @IsOptional() @Transform(toBool) @IsBoolean() RESPONSE_CACHE_TOOLS?: boolean;
  @IsOptional() @IsIn(['weighted', 'least-busy', 'lowest-latency']) LOAD_BALANCING?: 'weighted' | 'least-busy' | 'lowest-latency';

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) THROTTLE_TTL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_DEFAULT_PER_MIN?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_DTE_VALIDATE_PER_MIN?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_MATCH_PO_PER_MIN?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_PAYROLL_PER_MIN?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_INDICATORS_PER_MIN?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_CHAT_PER_MIN?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_SII_MONITOR_PER_MIN?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) THROTTLE_LLM_PROXY_PER_MIN?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) BODY_LIMIT_BYTES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) SHUTDOWN_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) HTTP_HEADERS_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) HTTP_BODY_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) HTTP_IDLE_TIMEOUT_MS?: number;
  @IsOptional() @IsString() TRUST_PROXY?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) CHAT_SESSION_TTL?: number;
  // The chat request schema caps `message` at 5000 characters, so a larger limit here would never apply.
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(5000) CHAT_MAX_MESSAGE_LENGTH?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(2) CHAT_HISTORY_SIZE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) CHAT_ANSWER_DEADLINE_MS?: number;

  @IsOptional() @Transform(toBool) @IsBoolean() SII_MONITOR_ENABLED?: boolean;
  @IsOptional() @IsString() SII_MONITOR_CRON?: string;
  @IsOptional() @IsString() SII_SOURCES?: string;
  @IsOptional() @IsString() SII_ALLOWED_HOSTS?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) SII_FETCH_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) SII_MAX_PAGE_BYTES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(90) SII_RETENTION_DAYS?: number;
  @IsOptional() @IsUrl(URL_OPTS) SLACK_WEBHOOK_URL?: string;
  @IsOptional() @IsString() SLACK_TECH_LEAD_ID?: string;

  @IsOptional() @Transform(toBool) @IsBoolean() PAYROLL_FETCH_ENABLED?: boolean;
  @IsOptional() @IsString() PAYROLL_FETCH_CRON?: string;
  @IsOptional() @IsUrl(URL_OPTS) PAYROLL_SII_BASE_URL?: string;
  @IsOptional() @IsUrl(URL_OPTS) PAYROLL_PREVIRED_URL?: string;
  @IsOptional() @IsIn(['mindicador', 'cmf', 'none']) PAYROLL_SECOND_SOURCE?: 'mindicador' | 'cmf' | 'none';
  @IsOptional() @IsUrl(URL_OPTS) PAYROLL_MINDICADOR_BASE_URL?: string;
  @IsOptional() @IsUrl(URL_OPTS) PAYROLL_CMF_BASE_URL?: string;
  @IsOptional() @IsString() CMF_API_KEY?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) PAYROLL_FETCH_TIMEOUT_MS?: number;

  @IsOptional() @IsString() KEYS_CONFIG_PATH?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60_000) KEYS_REFRESH_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) BUDGET_LEASE_MS?: number;
}

/** Validates the raw environment; throws one Error naming every offending variable. */
export function validateEnv(raw: Record<string, string | undefined>): EnvDto {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const dto = plainToInstance(EnvDto, cleaned, { enableImplicitConversion: false });
  const errors = validateSync(dto, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  - ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration (${errors.length} variable${errors.length > 1 ? 's' : ''}):\n${lines.join('\n')}`);
  }
  return dto;
}

export class ConfigError extends Error {
  readonly kind = 'config';
}
