export { LlmClient } from './llm-client';
export * from './llm.types';
export { GatewayAdmin } from './gateway-admin';
export type { QuotaWindow } from './gateway-admin';
