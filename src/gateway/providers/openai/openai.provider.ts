import { OpenAiCompatibleProvider } from '../openai-compatible/openai-compatible.provider';

/** OpenAI: the OpenAI-wire provider at its public base URL. */
export function createOpenAiProvider(apiKey: string, baseURL = 'https://api.openai.com/v1') {
  return new OpenAiCompatibleProvider({ id: 'openai', apiKey, baseURL });
}
