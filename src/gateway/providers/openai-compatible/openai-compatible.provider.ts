import OpenAI from 'openai';
import { fastFetch } from 'src/infra/http/fast-fetch';
import type { ChatCompletionChunk, ChatCompletionCreateParams, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { FinishReason, ProviderId, TokenUsage } from '../../llm.types';
import { LlmProvider, NO_USAGE, ProviderCall, ProviderCompletion, ProviderError, ProviderStreamChunk, toProviderError } from '../provider';

export interface OpenAiCompatibleOptions {
  id: ProviderId;
  apiKey: string;
  baseURL: string;
  /** Request parameters this vendor rejects (e.g. response_format on some local servers). */
  unsupported?: (keyof ChatCompletionCreateParams)[];
}

interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  prompt_cache_hit_tokens?: number;
  prompt_cache_miss_tokens?: number;
}

const FINISH: Record<string, FinishReason> = { stop: 'stop', length: 'length', content_filter: 'content_filter', tool_calls: 'tool_calls', function_call: 'tool_calls' };

/** Normalizes OpenAI-wire usage: cached input (OpenAI's or DeepSeek's fields) is split from fresh input. */
export function usageFromOpenAi(usage: WireUsage | null | undefined): TokenUsage {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = usage?.prompt_cache_hit_tokens ?? usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input: Math.max(0, prompt - cached),
    output: usage?.completion_tokens ?? 0,
    cacheRead: cached,
    cacheWrite: 0,
    reasoning: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

/** The OpenAI Chat Completions wire, shared by OpenAI, Groq, DeepSeek and any compatible server. */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly id: ProviderId;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.id = options.id;
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, fetch: fastFetch });
  }

  private params(call: ProviderCall): ChatCompletionCreateParams {
    const { request } = call;
    const system = (request.system ?? []).map((b) => b.text).join('\n\n');
    const messages: ChatCompletionMessageParam[] = [
      ...(system ? [{ role: 'system' as const, content: system }] : []),
      ...request.messages.map((m) => ({ role: m.role, content: m.content })),
    ];
    const params: ChatCompletionCreateParams = { model: call.vendorModel, messages };
    if (request.maxTokens !== undefined) params.max_tokens = request.maxTokens;
    if (request.temperature !== undefined) params.temperature = request.temperature;
    if (request.json) params.response_format = { type: 'json_object' };
    for (const key of this.options.unsupported ?? []) delete (params as unknown as Record<string, unknown>)[key];
    return params;
  }

  async complete(call: ProviderCall): Promise<ProviderCompletion> {
    try {
      const response = await this.client.chat.completions.create({ ...this.params(call), stream: false }, { signal: call.signal, timeout: call.timeoutMs });
      const choice = response.choices?.[0];
      if (!choice) throw new ProviderError('malformed', 'Vendor answered without choices', this.id);
      return { text: choice.message?.content ?? '', finishReason: FINISH[choice.finish_reason] ?? 'stop', usage: usageFromOpenAi(response.usage as WireUsage) };
    } catch (error) {
      throw toProviderError(error, this.id, call.signal);
    }
  }

  async *stream(call: ProviderCall): AsyncIterable<ProviderStreamChunk> {
    let finishReason: FinishReason | undefined;
    let usage: TokenUsage | undefined;
    try {
      const stream = await this.client.chat.completions.create(
        { ...this.params(call), stream: true, stream_options: { include_usage: true } },
        { signal: call.signal, timeout: call.timeoutMs },
      );
      for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
        const choice = chunk.choices?.[0];
        if (choice?.delta?.content) yield { type: 'text', text: choice.delta.content };
        if (choice?.finish_reason) finishReason = FINISH[choice.finish_reason] ?? 'stop';
        if (chunk.usage) usage = usageFromOpenAi(chunk.usage as WireUsage);
      }
    } catch (error) {
      throw toProviderError(error, this.id, call.signal);
    }
    if (!finishReason) throw new ProviderError('stream_interrupted', 'Vendor stream ended without a finish reason', this.id);
    yield { type: 'end', finishReason, usage: usage ?? NO_USAGE };
  }
}
