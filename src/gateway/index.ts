export { LlmClient } from './llm-client';
export * from './llm.types';
