import { OpenAiCompatibleProvider } from '../openai-compatible/openai-compatible.provider';

/** DeepSeek speaks the OpenAI wire; its cache hits arrive as prompt_cache_hit_tokens (handled by the shared mapper). */
export function createDeepSeekProvider(apiKey: string, baseURL = 'https://api.deepseek.com/v1') {
  return new OpenAiCompatibleProvider({ id: 'deepseek', apiKey, baseURL });
}
