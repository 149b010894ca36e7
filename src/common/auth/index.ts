export { ApiKeyGuard } from './api-key.guard';
export { AuthFailureLimiter } from './auth-failure-limiter';
export { AdminOnly, CurrentCaller, EveryCompany, IS_PUBLIC, Public } from './auth.decorators';
export type { Caller } from './caller';
export { InvalidApiKeyException } from './api-key.guard';
export { CallerDirectory } from './caller-directory';
export type { DirectoryLookup } from './caller-directory';
