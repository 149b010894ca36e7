import type { RawMessageStreamEvent, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ChunkDelta } from '../../providers/canonical-wire';
import { anthropicUsageFrom, stopReasonFromCanonical } from './anthropic-door.mapper';

/** One server-sent event of Anthropic's stream: `event: <event>` then `data: <JSON of data>`. */
export interface AnthropicSseEvent {
  event: RawMessageStreamEvent['type'];
  data: RawMessageStreamEvent;
}

interface OpenBlock {
  index: number;
  kind: 'text' | 'thinking' | 'tool';
  toolIndex?: number;
}

/**
 * The gateway's canonical (OpenAI) chunks → Anthropic stream events for the /v1/messages door:
 * message_start, one content block per text run or tool call (content_block_start, text_delta or
 * input_json_delta, content_block_stop), then message_delta with the stop reason and usage, and
 * message_stop. OpenAI sends usage after the finish reason, so the closing events wait for finish().
 * OpenAI streams one tool call after another; arguments for a call whose block is already closed are
 * not expected and are dropped.
 */
export class CanonicalToAnthropicStream {
  private started = false;
  private finished = false;
  private nextBlockIndex = 0;
  private open?: OpenBlock;
  private stopReason: StopReason | undefined;
  private usage: CompletionUsage | null | undefined;

  /** `thinking`: stream the vendor's reasoning as thinking blocks (when the caller asked for thinking). */
  constructor(private readonly message: { id: string; model: string; thinking?: boolean }) {}

  push(chunk: ChatCompletionChunk): AnthropicSseEvent[] {
    const events = this.start();
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices.find((candidate) => candidate.index === 0);
    if (!choice) return events;
    const delta = choice.delta as ChunkDelta;
    if (delta.reasoning_content && this.message.thinking) events.push(...this.thinking(delta.reasoning_content));
    if (delta.content) events.push(...this.text(delta.content));
    for (const call of delta.tool_calls ?? []) events.push(...this.toolCall(call));
    if (choice.finish_reason) {
      this.stopReason = stopReasonFromCanonical(choice.finish_reason);
      events.push(...this.close());
    }
    return events;
  }

  /** Closes the open block and ends the message with its stop reason and usage; once. */
  finish(): AnthropicSseEvent[] {
    if (this.finished) return [];
    this.finished = true;
    const usage = anthropicUsageFrom(this.usage);
    return [
      ...this.start(),
      ...this.close(),
      {
        event: 'message_delta',
        data: {
          type: 'message_delta',
          delta: { stop_reason: this.stopReason ?? 'end_turn', stop_sequence: null, stop_details: null, container: null },
          usage: {
            input_tokens: usage.input_tokens,
            output_tokens: usage.output_tokens,
            cache_read_input_tokens: usage.cache_read_input_tokens,
            cache_creation_input_tokens: usage.cache_creation_input_tokens,
            output_tokens_details: null,
            server_tool_use: null,
          },
        },
      },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ];
  }

  private start(): AnthropicSseEvent[] {
    if (this.started) return [];
    this.started = true;
    const message = {
      id: this.message.id,
      type: 'message' as const,
      role: 'assistant' as const,
      model: this.message.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: anthropicUsageFrom(undefined),
    };
    return [{ event: 'message_start', data: { type: 'message_start', message } }];
  }

  private close(): AnthropicSseEvent[] {
    if (!this.open) return [];
    const index = this.open.index;
    this.open = undefined;
    return [{ event: 'content_block_stop', data: { type: 'content_block_stop', index } }];
  }

  private openBlock(kind: OpenBlock['kind'], contentBlock: Extract<RawMessageStreamEvent, { type: 'content_block_start' }>['content_block'], toolIndex?: number): AnthropicSseEvent[] {
    const events = this.close();
    this.open = { index: this.nextBlockIndex++, kind, toolIndex };
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index: this.open.index, content_block: contentBlock } });
    return events;
  }

  private text(text: string): AnthropicSseEvent[] {
    const events = this.open?.kind === 'text' ? [] : this.openBlock('text', { type: 'text', text: '', citations: null });
    events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index: this.open!.index, delta: { type: 'text_delta', text } } });
    return events;
  }

  private thinking(thinking: string): AnthropicSseEvent[] {
    const events = this.open?.kind === 'thinking' ? [] : this.openBlock('thinking', { type: 'thinking', thinking: '', signature: '' });
    events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index: this.open!.index, delta: { type: 'thinking_delta', thinking } } });
    return events;
  }

  private toolCall(call: ChatCompletionChunk.Choice.Delta.ToolCall): AnthropicSseEvent[] {
    const isNewCall = !(this.open?.kind === 'tool' && this.open.toolIndex === call.index);
    const events: AnthropicSseEvent[] = [];
    if (isNewCall) {
      if (!call.id && !call.function?.name) return events;
      const block = { type: 'tool_use' as const, id: call.id ?? `toolu_${this.message.id}_${call.index}`, name: call.function?.name ?? '', input: {}, caller: { type: 'direct' as const } };
      events.push(...this.openBlock('tool', block, call.index));
    }
    const fragment = call.function?.arguments;
    if (fragment) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index: this.open!.index, delta: { type: 'input_json_delta', partial_json: fragment } } });
    return events;
  }
}
