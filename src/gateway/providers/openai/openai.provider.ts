import { getEncoding, Tiktoken } from 'js-tiktoken';
import type { LlmRequest } from '../../llm.types';
import { OpenAiCompatibleProvider } from '../openai-compatible/openai-compatible.provider';

let encoder: Tiktoken | undefined;

/** OpenAI's own tokenizer (o200k, used by the gpt-4o family) for exact pre-counts; about 4 tokens of overhead per message. */
export function countOpenAiTokens(request: LlmRequest): number {
  encoder ??= getEncoding('o200k_base');
  let tokens = 3;
  for (const block of request.system ?? []) tokens += encoder.encode(block.text).length + 4;
  for (const message of request.messages) tokens += encoder.encode(message.content).length + 4;
  return tokens;
}

/** OpenAI: the OpenAI-wire provider with its public base URL and tokenizer. */
export function createOpenAiProvider(apiKey: string, baseURL = 'https://api.openai.com/v1') {
  return new OpenAiCompatibleProvider({ id: 'openai', apiKey, baseURL, estimate: countOpenAiTokens });
}
