export { ApiKeyGuard } from './api-key.guard';
export { AdminOnly, CurrentCaller, Public } from './auth.decorators';
export type { Caller } from './caller';
