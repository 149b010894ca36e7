import { randomUUID } from 'node:crypto';
import type { ProviderId } from '../../llm.types';
import { finishReasonOf } from '../openai-compatible/openai-wire-usage';
import { ChatBody, CreateEmbeddingResponse, EmbeddingBody, LlmProvider, NO_USAGE, ProviderCall, ProviderCompletion, ProviderError, ProviderStreamChunk, StreamedChunk } from '../provider';
import { WireClient } from '../wire/wire-client';
import { toGeminiRequest } from './gemini-request.mapper';
import { fromGeminiResponse, geminiTokenUsage } from './gemini-response.mapper';
import type { GeminiResponse } from './gemini-rest.types';
import { GeminiStreamTranslator } from './gemini-stream.mapper';

interface BatchEmbedResponse {
  embeddings?: { values?: number[] }[];
}

/**
 * Gemini's REST API (`generateContent`, `streamGenerateContent?alt=sse`, `batchEmbedContents`) on our wire
 * client: the canonical body is translated to contents/generationConfig/tools and the answer back.
 */
export class GeminiProvider implements LlmProvider {
  readonly id: ProviderId = 'gemini';
  private readonly wire: WireClient;

  constructor(apiKey: string, baseUrl = 'https://generativelanguage.googleapis.com') {
    this.wire = new WireClient('gemini', baseUrl.replace(/\/+$/, ''), { 'x-goog-api-key': apiKey });
  }

  check(body: ChatBody, call: Pick<ProviderCall, 'dropUnsupported'>): void {
    toGeminiRequest(body, { dropUnsupported: call.dropUnsupported });
  }

  private path(model: string, method: string): string {
    return `/v1beta/models/${encodeURIComponent(model)}:${method}`;
  }

  async complete(body: ChatBody, call: ProviderCall): Promise<ProviderCompletion> {
    const json = await this.wire.postJson<GeminiResponse>(this.path(call.vendorModel, 'generateContent'), JSON.stringify(toGeminiRequest(body, { dropUnsupported: call.dropUnsupported })), call);
    if (!Array.isArray(json?.candidates) && !json?.promptFeedback) throw new ProviderError('malformed', 'gemini answered without candidates', this.id);
    const completion = fromGeminiResponse(json, body.model, `chatcmpl-${randomUUID()}`, Math.floor(Date.now() / 1000));
    return { completion, usage: geminiTokenUsage(json.usageMetadata), finishReason: finishReasonOf(completion.choices[0]?.finish_reason) };
  }

  async *stream(body: ChatBody, call: ProviderCall): AsyncIterable<ProviderStreamChunk> {
    const identity = { id: `chatcmpl-${randomUUID()}`, model: body.model, created: Math.floor(Date.now() / 1000) };
    const translator = new GeminiStreamTranslator(identity);
    const payload = JSON.stringify(toGeminiRequest(body, { dropUnsupported: call.dropUnsupported }));
    for await (const batch of this.wire.postEvents(`${this.path(call.vendorModel, 'streamGenerateContent')}?alt=sse`, payload, call)) {
      const items: StreamedChunk[] = [];
      for (const data of batch) {
        let json: GeminiResponse;
        try {
          json = JSON.parse(data) as GeminiResponse;
        } catch {
          throw new ProviderError('malformed', 'gemini streamed malformed JSON', this.id);
        }
        if ((json as { error?: unknown }).error) throw new ProviderError('stream_interrupted', 'gemini reported an error mid-stream', this.id);
        for (const chunk of translator.push(json)) items.push({ chunk });
      }
      if (items.length) yield { type: 'chunks', items };
    }
    const last: StreamedChunk[] = translator.finish().map((chunk) => ({ chunk }));
    if (!translator.complete || !translator.finishReason) {
      if (last.length) yield { type: 'chunks', items: last };
      throw new ProviderError('stream_interrupted', 'gemini stream ended without a finish reason', this.id);
    }
    yield { type: 'chunks', items: [...last, { chunk: Object.assign({}, identity, { object: 'chat.completion.chunk' as const, choices: [], usage: translator.usage }) }] };
    yield { type: 'end', finishReason: finishReasonOf(translator.finishReason), usage: translator.tokenUsage ?? NO_USAGE };
  }

  async embed(body: EmbeddingBody, call: ProviderCall): Promise<{ response: CreateEmbeddingResponse; usage: typeof NO_USAGE }> {
    const inputs = (Array.isArray(body.input) ? body.input : [body.input]).map((input) => (typeof input === 'string' ? input : JSON.stringify(input)));
    const model = `models/${call.vendorModel}`;
    const requests = inputs.map((text) => ({ model, content: { parts: [{ text }] }, ...(body.dimensions ? { outputDimensionality: body.dimensions } : {}) }));
    const json = await this.wire.postJson<BatchEmbedResponse>(this.path(call.vendorModel, 'batchEmbedContents'), JSON.stringify({ requests }), call);
    if (!Array.isArray(json?.embeddings)) throw new ProviderError('malformed', 'gemini answered embeddings without values', this.id);
    // Gemini's embedding API reports no token count; the estimate (about 4 characters a token) prices it.
    const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    return {
      response: {
        object: 'list',
        model: call.vendorModel,
        data: json.embeddings.map((e, index) => ({ object: 'embedding', index, embedding: e.values ?? [] })),
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      },
      usage: Object.assign({}, NO_USAGE, { input: tokens }),
    };
  }
}
