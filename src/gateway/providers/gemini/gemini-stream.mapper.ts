import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { TokenUsage } from '../../llm.types';
import { chunkOf, ChunkIdentity, ChunkDelta, FinishReason, toCompletionUsage } from '../canonical-wire';
import type { GeminiCandidate, GeminiResponse } from './gemini-rest.types';
import { finishReasonFromGemini, geminiTokenUsage, logprobsFromGemini, toolCallFromPart } from './gemini-response.mapper';

interface ChoiceState {
  started: boolean;
  toolCount: number;
  finishReason?: FinishReason;
}

/**
 * Gemini streamGenerateContent chunks (each SSE `data:` JSON) → OpenAI chat.completion.chunk objects: per
 * candidate a first chunk with the role, text as content deltas, each function call announced (index, id,
 * name, empty arguments) then its arguments, and a chunk with the finish reason. Gemini sends whole calls,
 * so a call's arguments come in one fragment. Usage is kept for the caller to send on `include_usage`.
 */
export class GeminiStreamTranslator {
  private readonly choices = new Map<number, ChoiceState>();
  private tokens: TokenUsage = geminiTokenUsage(undefined);
  private blocked = false;

  constructor(private readonly identity: ChunkIdentity) {}

  get usage(): CompletionUsage {
    return toCompletionUsage(this.tokens);
  }

  get tokenUsage(): TokenUsage {
    return { ...this.tokens };
  }

  /** The first choice's finish reason once Gemini gave it; undefined while open or when the stream was cut. */
  get finishReason(): FinishReason | undefined {
    return this.blocked ? 'content_filter' : this.choices.get(0)?.finishReason;
  }

  /** True once every candidate that started has a finish reason (or the prompt was blocked). */
  get complete(): boolean {
    return this.blocked || (this.choices.size > 0 && [...this.choices.values()].every((choice) => choice.finishReason !== undefined));
  }

  push(json: GeminiResponse): ChatCompletionChunk[] {
    if (json.usageMetadata) this.tokens = geminiTokenUsage(json.usageMetadata);
    const chunks: ChatCompletionChunk[] = [];
    (json.candidates ?? []).forEach((candidate, position) => chunks.push(...this.candidate(candidate, candidate.index ?? position)));
    if (!json.candidates?.length && json.promptFeedback?.blockReason && !this.blocked) {
      this.blocked = true;
      chunks.push(...this.start(0), chunkOf(this.identity, {}, 'content_filter'));
    }
    return chunks;
  }

  /** Nothing is held back: Gemini sends whole parts and its finish reason inline, so every chunk went out on push. */
  finish(): ChatCompletionChunk[] {
    return [];
  }

  private state(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) this.choices.set(index, (state = { started: false, toolCount: 0 }));
    return state;
  }

  private start(index: number): ChatCompletionChunk[] {
    const state = this.state(index);
    if (state.started) return [];
    state.started = true;
    return [chunkOf(this.identity, { role: 'assistant', content: '' }, null, index)];
  }

  private candidate(candidate: GeminiCandidate, index: number): ChatCompletionChunk[] {
    const state = this.state(index);
    if (state.finishReason) return [];
    const chunks = this.start(index);
    const emit = (delta: ChunkDelta) => chunks.push(chunkOf(this.identity, delta, null, index));
    for (const part of candidate.content?.parts ?? []) {
      const call = toolCallFromPart(part);
      if (call) {
        const toolIndex = state.toolCount++;
        emit({ tool_calls: [{ index: toolIndex, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
        emit({ tool_calls: [{ index: toolIndex, function: { arguments: call.function.arguments } }] });
      } else if (part.thought && part.text) emit({ reasoning_content: part.text });
      else if (part.text) emit({ content: part.text });
    }
    const logprobs = logprobsFromGemini(candidate);
    if (logprobs && chunks.length) chunks[chunks.length - 1].choices[0].logprobs = logprobs;
    if (candidate.finishReason) {
      state.finishReason = finishReasonFromGemini(candidate.finishReason, state.toolCount > 0);
      chunks.push(chunkOf(this.identity, {}, state.finishReason, index));
    }
    return chunks;
  }
}
