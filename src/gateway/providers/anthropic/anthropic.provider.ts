import Anthropic from '@anthropic-ai/sdk';
import { fastFetch } from 'src/infra/http/fast-fetch';
import type { FinishReason, TokenUsage } from '../../llm.types';
import { LlmProvider, ProviderCall, ProviderCompletion, ProviderError, ProviderStreamChunk, toProviderError } from '../provider';

const FINISH: Record<string, FinishReason> = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool_calls', refusal: 'content_filter' };
const DEFAULT_MAX_TOKENS = 1024;

interface WireUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Anthropic reports fresh input, cache writes and cache reads separately. */
export function usageFromAnthropic(usage: WireUsage | undefined, outputOverride?: number): TokenUsage {
  return {
    input: usage?.input_tokens ?? 0,
    output: outputOverride ?? usage?.output_tokens ?? 0,
    cacheRead: usage?.cache_read_input_tokens ?? 0,
    cacheWrite: usage?.cache_creation_input_tokens ?? 0,
    reasoning: 0,
  };
}

/** Anthropic Messages API; stable system blocks carry `cache_control` when prompt caching is on. */
export class AnthropicProvider implements LlmProvider {
  readonly id = 'anthropic' as const;
  private readonly client: Anthropic;

  constructor(apiKey: string, baseURL?: string) {
    this.client = new Anthropic({ apiKey, baseURL, maxRetries: 0, fetch: fastFetch });
  }

  private params(call: ProviderCall) {
    const { request } = call;
    const system = (request.system ?? []).map((block) => ({
      type: 'text' as const,
      text: block.text,
      ...(block.cache && call.promptCaching ? { cache_control: { type: 'ephemeral' as const } } : {}),
    }));
    const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
    if (request.json) messages.push({ role: 'assistant', content: '{' });
    return {
      model: call.vendorModel,
      max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
      ...(system.length ? { system } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      messages,
    };
  }

  async complete(call: ProviderCall): Promise<ProviderCompletion> {
    try {
      const message = await this.client.messages.create(this.params(call), { signal: call.signal, timeout: call.timeoutMs });
      if (!Array.isArray(message.content)) throw new ProviderError('malformed', 'Vendor answered without content', this.id);
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      return { text: call.request.json ? `{${text}` : text, finishReason: FINISH[message.stop_reason ?? 'end_turn'] ?? 'stop', usage: usageFromAnthropic(message.usage) };
    } catch (error) {
      throw toProviderError(error, this.id, call.signal);
    }
  }

  async *stream(call: ProviderCall): AsyncIterable<ProviderStreamChunk> {
    let start: WireUsage | undefined;
    let outputTokens: number | undefined;
    let finishReason: FinishReason | undefined;
    let stopped = false;
    try {
      const stream = await this.client.messages.create({ ...this.params(call), stream: true }, { signal: call.signal, timeout: call.timeoutMs });
      if (call.request.json) yield { type: 'text', text: '{' };
      for await (const event of stream) {
        if (event.type === 'message_start') start = event.message.usage;
        else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield { type: 'text', text: event.delta.text };
        else if (event.type === 'message_delta') {
          outputTokens = event.usage?.output_tokens ?? outputTokens;
          finishReason = FINISH[event.delta.stop_reason ?? 'end_turn'] ?? 'stop';
        } else if (event.type === 'message_stop') stopped = true;
      }
    } catch (error) {
      throw toProviderError(error, this.id, call.signal);
    }
    if (!stopped || !finishReason) throw new ProviderError('stream_interrupted', 'Vendor stream ended without message_stop', this.id);
    yield { type: 'end', finishReason, usage: usageFromAnthropic(start, outputTokens) };
  }
}
