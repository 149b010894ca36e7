import type { ProviderId, TokenUsage } from '../../llm.types';
import { ChatBody, ChatCompletion, CreateEmbeddingResponse, EmbeddingBody, LlmProvider, NO_USAGE, ProviderCall, ProviderCompletion, ProviderError, ProviderStreamChunk } from '../provider';
import { UnsupportedParameterError } from '../unsupported-parameter.error';
import { WireClient } from '../wire/wire-client';
import { OpenAiStreamReading } from './openai-stream-reading';
import { finishReasonOf, usageFromOpenAi, type WireUsage } from './openai-wire-usage';

/** A field this vendor refuses, and when (e.g. `n` only above 1). */
export type RefusedField = { field: string; when?: (value: unknown) => boolean; detail?: string };

export interface OpenAiCompatibleOptions {
  id: ProviderId;
  apiKey: string;
  baseURL: string;
  /** Request fields this vendor does not honour (Groq's logprobs, a local server's response_format...). */
  refused?: RefusedField[];
  /** Fields this vendor knows under another name (DeepSeek has only `max_tokens`). */
  renamed?: Record<string, string>;
  embeddings?: boolean;
}

/**
 * The OpenAI Chat Completions wire, shared by OpenAI, Groq, DeepSeek and any compatible server. The caller's
 * body is forwarded as written (only `model` changes), so fields the gateway does not know still work.
 */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly id: ProviderId;
  private readonly wire: WireClient;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.id = options.id;
    this.wire = new WireClient(options.id, options.baseURL.replace(/\/+$/, ''), { authorization: `Bearer ${options.apiKey}` });
  }

  check(body: ChatBody, call: Pick<ProviderCall, 'dropUnsupported'>): void {
    if (call.dropUnsupported) return;
    for (const refused of this.options.refused ?? []) {
      const value = body[refused.field];
      if (value !== undefined && value !== null && (!refused.when || refused.when(value))) throw new UnsupportedParameterError(refused.field, this.id, refused.detail);
    }
  }

  private payload(body: ChatBody, call: ProviderCall, extra: Record<string, unknown>): string {
    const sent: Record<string, unknown> = Object.assign({}, body, { model: call.vendorModel }, extra);
    if (call.dropUnsupported) for (const refused of this.options.refused ?? []) delete sent[refused.field];
    for (const [from, to] of Object.entries(this.options.renamed ?? {})) {
      if (sent[from] === undefined) continue;
      sent[to] ??= sent[from];
      delete sent[from];
    }
    return JSON.stringify(sent);
  }

  complete(body: ChatBody, call: ProviderCall): Promise<ProviderCompletion> {
    return this.wire.postJson('/chat/completions', this.payload(body, call, { stream: false }), call, this.accepted);
  }

  /** A completion the gateway can use: at least one choice, its usage and finish reason read. */
  private readonly accepted = (completion: ChatCompletion, raw: string): ProviderCompletion => {
    if (!Array.isArray(completion?.choices) || completion.choices.length === 0) throw new ProviderError('malformed', `${this.id} answered without choices`, this.id);
    return { completion, usage: usageFromOpenAi(completion.usage as WireUsage), finishReason: finishReasonOf(completion.choices[0].finish_reason), raw };
  };

  stream(body: ChatBody, call: ProviderCall): AsyncIterable<ProviderStreamChunk> {
    const streamOptions = Object.assign({}, body.stream_options as object | undefined, { include_usage: true });
    return this.wire.postEvents('/chat/completions', this.payload(body, call, { stream: true, stream_options: streamOptions }), call, new OpenAiStreamReading(this.id));
  }

  async embed(body: EmbeddingBody, call: ProviderCall): Promise<{ response: CreateEmbeddingResponse; usage: TokenUsage }> {
    if (this.options.embeddings === false) throw new UnsupportedParameterError('embeddings', this.id, 'this vendor has no embeddings API');
    const response = await this.wire.postJson<CreateEmbeddingResponse>('/embeddings', JSON.stringify(Object.assign({}, body, { model: call.vendorModel })), call);
    if (!Array.isArray(response?.data)) throw new ProviderError('malformed', `${this.id} answered embeddings without data`, this.id);
    return { response, usage: Object.assign({}, NO_USAGE, { input: response.usage?.prompt_tokens ?? 0 }) };
  }
}
