import { OpenAiCompatibleProvider } from '../openai-compatible/openai-compatible.provider';

/** Groq speaks the OpenAI wire at its own base URL. */
export function createGroqProvider(apiKey: string, baseURL = 'https://api.groq.com/openai/v1') {
  return new OpenAiCompatibleProvider({ id: 'groq', apiKey, baseURL });
}
