import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { randomUUID } from 'node:crypto';
import type { ProviderId } from '../../llm.types';
import { finishReasonOf } from '../openai-compatible/openai-wire-usage';
import { ChatBody, LlmProvider, NO_USAGE, ProviderCall, ProviderCompletion, ProviderError, ProviderStreamChunk, StreamedChunk } from '../provider';
import { WireClient } from '../wire/wire-client';
import { anthropicAnswerToolName, toAnthropicRequest } from './anthropic-request.mapper';
import { anthropicTokenUsage, fromAnthropicMessage } from './anthropic-response.mapper';
import { AnthropicStreamTranslator } from './anthropic-stream.mapper';

const API_VERSION = '2023-06-01';
/** The fields Anthropic's count_tokens accepts; it refuses the others (max_tokens, stream, temperature...). */
const COUNT_TOKENS_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'cache_control', 'output_config', 'speed'];

/**
 * Anthropic's Messages API on our wire client: the canonical (OpenAI) body is translated to Messages and the
 * answer back, tools, images, JSON schema and streaming included; stable system text carries `cache_control`
 * when prompt caching is on.
 */
export class AnthropicProvider implements LlmProvider {
  readonly id: ProviderId = 'anthropic';
  private readonly wire: WireClient;

  constructor(apiKey: string, baseURL = 'https://api.anthropic.com') {
    this.wire = new WireClient('anthropic', baseURL.replace(/\/+$/, ''), { 'x-api-key': apiKey, 'anthropic-version': API_VERSION });
  }

  check(body: ChatBody, call: Pick<ProviderCall, 'dropUnsupported'>): void {
    toAnthropicRequest(body, 'check', { promptCaching: false, dropUnsupported: call.dropUnsupported });
  }

  private payload(body: ChatBody, call: ProviderCall, stream: boolean): string {
    return JSON.stringify(Object.assign(toAnthropicRequest(body, call.vendorModel, { promptCaching: call.promptCaching, dropUnsupported: call.dropUnsupported }), { stream }));
  }

  async complete(body: ChatBody, call: ProviderCall): Promise<ProviderCompletion> {
    const message = await this.wire.postJson<Message>('/v1/messages', this.payload(body, call, false), call);
    if (!Array.isArray(message?.content)) throw new ProviderError('malformed', 'anthropic answered without content', this.id);
    const completion = fromAnthropicMessage(message, body.model, `chatcmpl-${message.id ?? randomUUID()}`, Math.floor(Date.now() / 1000), { answerTool: anthropicAnswerToolName(body) });
    return { completion, usage: anthropicTokenUsage(message.usage), finishReason: finishReasonOf(completion.choices[0]?.finish_reason) };
  }

  /** Anthropic's own count of the prompt's input tokens (`/v1/messages/count_tokens`: free, not billed). */
  async countTokens(body: ChatBody, call: ProviderCall): Promise<number> {
    const request = toAnthropicRequest(body, call.vendorModel, { promptCaching: false, dropUnsupported: true }) as unknown as Record<string, unknown>;
    const payload: Record<string, unknown> = {};
    for (const field of COUNT_TOKENS_FIELDS) if (request[field] !== undefined) payload[field] = request[field];
    const counted = await this.wire.postJson<{ input_tokens?: unknown }>('/v1/messages/count_tokens', JSON.stringify(payload), call);
    if (typeof counted?.input_tokens !== 'number') throw new ProviderError('malformed', 'anthropic answered count_tokens without input_tokens', this.id);
    return counted.input_tokens;
  }

  async *stream(body: ChatBody, call: ProviderCall): AsyncIterable<ProviderStreamChunk> {
    const identity = { id: `chatcmpl-${randomUUID()}`, model: body.model, created: Math.floor(Date.now() / 1000) };
    const translator = new AnthropicStreamTranslator(Object.assign({}, identity, { answerTool: anthropicAnswerToolName(body) }));
    for await (const batch of this.wire.postEvents('/v1/messages', this.payload(body, call, true), call)) {
      const items: StreamedChunk[] = [];
      for (const data of batch) {
        let event: RawMessageStreamEvent;
        try {
          event = JSON.parse(data) as RawMessageStreamEvent;
        } catch {
          throw new ProviderError('malformed', 'anthropic streamed malformed JSON', this.id);
        }
        if ((event as { type: string }).type === 'error') throw new ProviderError('stream_interrupted', 'anthropic reported an error mid-stream', this.id);
        for (const chunk of translator.push(event)) items.push({ chunk });
      }
      if (items.length) yield { type: 'chunks', items };
    }
    if (!translator.complete || !translator.finishReason) throw new ProviderError('stream_interrupted', 'anthropic stream ended without message_stop', this.id);
    yield { type: 'chunks', items: [{ chunk: Object.assign({}, identity, { object: 'chat.completion.chunk' as const, choices: [], usage: translator.usage }) }] };
    yield { type: 'end', finishReason: finishReasonOf(translator.finishReason), usage: translator.tokenUsage ?? NO_USAGE };
  }
}
