import { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { FinishReason, TokenUsage } from '../../llm.types';
import { LlmProvider, NO_USAGE, ProviderCall, ProviderCompletion, ProviderError, ProviderStreamChunk, toProviderError } from '../provider';

const FINISH: Record<string, FinishReason> = { STOP: 'stop', MAX_TOKENS: 'length', SAFETY: 'content_filter', RECITATION: 'content_filter', PROHIBITED_CONTENT: 'content_filter' };

/** Gemini counts cached tokens inside the prompt count, and thinking tokens outside the candidates count. */
export function usageFromGemini(meta: GenerateContentResponse['usageMetadata']): TokenUsage {
  const cached = meta?.cachedContentTokenCount ?? 0;
  const thoughts = meta?.thoughtsTokenCount ?? 0;
  return {
    input: Math.max(0, (meta?.promptTokenCount ?? 0) - cached),
    output: (meta?.candidatesTokenCount ?? 0) + thoughts,
    cacheRead: cached,
    cacheWrite: 0,
    reasoning: thoughts,
  };
}

/** Gemini through `@google/genai` (the successor of the retired `@google/generative-ai`). */
export class GeminiProvider implements LlmProvider {
  readonly id = 'gemini' as const;
  private readonly client: GoogleGenAI;

  constructor(apiKey: string, baseUrl?: string) {
    this.client = new GoogleGenAI({ apiKey, httpOptions: { ...(baseUrl ? { baseUrl } : {}), retryOptions: { attempts: 1 }, fetch: globalThis.fetch } });
  }

  private params(call: ProviderCall) {
    const { request } = call;
    const system = (request.system ?? []).map((b) => b.text).join('\n\n');
    return {
      model: call.vendorModel,
      contents: request.messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
      config: {
        abortSignal: call.signal,
        httpOptions: { timeout: call.timeoutMs, retryOptions: { attempts: 1 } },
        ...(system ? { systemInstruction: system } : {}),
        ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.json ? { responseMimeType: 'application/json' } : {}),
      },
    };
  }

  async complete(call: ProviderCall): Promise<ProviderCompletion> {
    try {
      const response = await this.client.models.generateContent(this.params(call));
      const candidate = response.candidates?.[0];
      if (!candidate) throw new ProviderError('malformed', 'Vendor answered without candidates', this.id);
      return { text: response.text ?? '', finishReason: FINISH[candidate.finishReason ?? 'STOP'] ?? 'stop', usage: usageFromGemini(response.usageMetadata) };
    } catch (error) {
      throw toProviderError(error, this.id, call.signal);
    }
  }

  async *stream(call: ProviderCall): AsyncIterable<ProviderStreamChunk> {
    let usage: TokenUsage | undefined;
    let finishReason: FinishReason | undefined;
    try {
      const stream = await this.client.models.generateContentStream(this.params(call));
      for await (const chunk of stream) {
        const text = chunk.candidates?.[0]?.content?.parts?.map((p) => p.text ?? '').join('') ?? '';
        if (text) yield { type: 'text', text };
        const reason = chunk.candidates?.[0]?.finishReason;
        if (reason) finishReason = FINISH[reason] ?? 'stop';
        if (chunk.usageMetadata) usage = usageFromGemini(chunk.usageMetadata);
      }
    } catch (error) {
      throw toProviderError(error, this.id, call.signal);
    }
    if (!finishReason) throw new ProviderError('stream_interrupted', 'Vendor stream ended without a finish reason', this.id);
    yield { type: 'end', finishReason, usage: usage ?? NO_USAGE };
  }
}
