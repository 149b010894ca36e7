import type { RawMessageStreamEvent, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { TokenUsage } from '../../llm.types';
import { chunkOf, ChunkIdentity, ChunkDelta, FinishReason, toCompletionUsage } from '../canonical-wire';
import { anthropicTokenUsage, finishReasonFromAnthropic } from './anthropic-response.mapper';

type BlockRole = { kind: 'text' } | { kind: 'thinking' } | { kind: 'tool'; toolIndex: number } | { kind: 'answer' } | { kind: 'other' };

export interface AnthropicStreamOptions extends ChunkIdentity {
  /** The forced tool that carries a `json_schema` answer: its input streams as content. */
  answerTool?: string;
}

/**
 * Anthropic Messages stream events → OpenAI chat.completion.chunk objects, as OpenAI streams them: a first
 * chunk with the role, text as content deltas, each tool call announced once (index, id, name, empty
 * arguments) then its argument fragments by index, and a last chunk with the finish reason. Usage is kept
 * for the caller to send when the request asked for `stream_options.include_usage`.
 */
export class AnthropicStreamTranslator {
  private readonly blocks = new Map<number, BlockRole>();
  private toolCount = 0;
  private answered = false;
  private started = false;
  private stopReason: StopReason | null | undefined;
  private finishSent = false;
  private stopped = false;
  private tokens: TokenUsage = anthropicTokenUsage(undefined);

  constructor(private readonly options: AnthropicStreamOptions) {}

  /** The vendor's usage so far, as OpenAI reports it. */
  get usage(): CompletionUsage {
    return toCompletionUsage(this.tokens);
  }

  /** The vendor's usage so far, in the gateway's split (fresh input, cache reads and writes, reasoning). */
  get tokenUsage(): TokenUsage {
    return { ...this.tokens };
  }

  /** The finish reason once the vendor gave one; undefined while the stream is still open or was cut. */
  get finishReason(): FinishReason | undefined {
    return this.stopReason === undefined ? undefined : finishReasonFromAnthropic(this.stopReason, this.answered && this.toolCount === 0);
  }

  /** True once the vendor's `message_stop` arrived. */
  get complete(): boolean {
    return this.stopped;
  }

  push(event: RawMessageStreamEvent): ChatCompletionChunk[] {
    switch (event.type) {
      case 'message_start':
        this.tokens = anthropicTokenUsage(event.message.usage);
        return this.start();
      case 'content_block_start':
        return this.openBlock(event.index, event.content_block);
      case 'content_block_delta':
        return this.delta(event.index, event.delta);
      case 'message_delta':
        this.stopReason = event.delta.stop_reason;
        this.mergeUsage(event.usage);
        return [];
      case 'message_stop':
        this.stopped = true;
        return this.finish();
      default:
        return [];
    }
  }

  /** The finish chunk, once, if the vendor gave a stop reason; nothing otherwise. Does not make a cut stream complete. */
  finish(): ChatCompletionChunk[] {
    const reason = this.finishReason;
    if (this.finishSent || reason === undefined) return [];
    this.finishSent = true;
    return [...this.start(), chunkOf(this.options, {}, reason)];
  }

  private start(): ChatCompletionChunk[] {
    if (this.started) return [];
    this.started = true;
    return [chunkOf(this.options, { role: 'assistant', content: '' })];
  }

  private emit(delta: ChunkDelta): ChatCompletionChunk[] {
    return [...this.start(), chunkOf(this.options, delta)];
  }

  private openBlock(index: number, block: Extract<RawMessageStreamEvent, { type: 'content_block_start' }>['content_block']): ChatCompletionChunk[] {
    if (block.type === 'text') {
      this.blocks.set(index, { kind: 'text' });
      return block.text ? this.emit({ content: block.text }) : [];
    }
    if (block.type === 'thinking') {
      this.blocks.set(index, { kind: 'thinking' });
      return block.thinking ? this.emit({ reasoning_content: block.thinking }) : [];
    }
    if (block.type === 'tool_use' && block.name === this.options.answerTool) {
      this.blocks.set(index, { kind: 'answer' });
      this.answered = true;
      return [];
    }
    if (block.type === 'tool_use') {
      const toolIndex = this.toolCount++;
      this.blocks.set(index, { kind: 'tool', toolIndex });
      return this.emit({ tool_calls: [{ index: toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] });
    }
    this.blocks.set(index, { kind: 'other' });
    return [];
  }

  private delta(index: number, delta: Extract<RawMessageStreamEvent, { type: 'content_block_delta' }>['delta']): ChatCompletionChunk[] {
    const role = this.blocks.get(index);
    if (delta.type === 'text_delta' && delta.text) return this.emit({ content: delta.text });
    if (delta.type === 'thinking_delta' && delta.thinking) return this.emit({ reasoning_content: delta.thinking });
    if (delta.type !== 'input_json_delta' || !delta.partial_json) return [];
    if (role?.kind === 'answer') return this.emit({ content: delta.partial_json });
    if (role?.kind === 'tool') return this.emit({ tool_calls: [{ index: role.toolIndex, function: { arguments: delta.partial_json } }] });
    return [];
  }

  /** `message_delta` carries cumulative counts; fields it leaves null keep what `message_start` said. */
  private mergeUsage(usage: Extract<RawMessageStreamEvent, { type: 'message_delta' }>['usage']): void {
    const next = anthropicTokenUsage(usage);
    this.tokens = {
      input: usage.input_tokens ?? this.tokens.input,
      output: next.output,
      cacheRead: usage.cache_read_input_tokens ?? this.tokens.cacheRead,
      cacheWrite: usage.cache_creation_input_tokens ?? this.tokens.cacheWrite,
      reasoning: usage.output_tokens_details ? next.reasoning : this.tokens.reasoning,
    };
  }
}
