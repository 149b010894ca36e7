import type { Message, MessageDeltaUsage, StopReason, Usage } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletion, ChatCompletionMessageFunctionToolCall } from 'openai/resources/chat/completions';
import type { TokenUsage } from '../../llm.types';
import { CanonicalMessage, FinishReason, toCompletionUsage } from '../canonical-wire';

const FINISH: Readonly<Record<StopReason, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** OpenAI's finish reason for an Anthropic stop reason; a stop on the `json_schema` answer tool is a plain stop. */
export function finishReasonFromAnthropic(stopReason: StopReason | null | undefined, onlyAnswerTool = false): FinishReason {
  const reason = FINISH[stopReason ?? 'end_turn'] ?? 'stop';
  return reason === 'tool_calls' && onlyAnswerTool ? 'stop' : reason;
}

/** Anthropic reports fresh input, cache writes and cache reads separately; reasoning is inside output. */
export function anthropicTokenUsage(usage: Partial<Usage | MessageDeltaUsage> | undefined): TokenUsage {
  return {
    input: usage?.input_tokens ?? 0,
    output: usage?.output_tokens ?? 0,
    cacheRead: usage?.cache_read_input_tokens ?? 0,
    cacheWrite: usage?.cache_creation_input_tokens ?? 0,
    reasoning: usage?.output_tokens_details?.thinking_tokens ?? 0,
  };
}

export interface AnthropicResponseOptions {
  /** The forced tool that carries a `json_schema` answer (see anthropicAnswerToolName): its input becomes the content. */
  answerTool?: string;
}

/**
 * An Anthropic Message as an OpenAI chat.completion: text blocks joined, `tool_use` blocks as tool calls,
 * thinking exposed as `reasoning_content`, usage with cache reads as cached prompt tokens.
 */
export function fromAnthropicMessage(message: Message, model: string, id: string, created: number, options: AnthropicResponseOptions = {}): ChatCompletion {
  let text = '';
  let reasoning = '';
  let answer: string | undefined;
  const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'thinking') reasoning += block.thinking;
    else if (block.type === 'tool_use' && block.name === options.answerTool) {
      answer = JSON.stringify(block.input);
    } else if (block.type === 'tool_use') toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
  }
  // With a `json_schema` answer the content is the JSON alone, without any preamble the model wrote.
  if (answer !== undefined) text = answer;
  const reply: CanonicalMessage = {
    role: 'assistant',
    content: text === '' && toolCalls.length ? null : text,
    refusal: null,
  };
  if (toolCalls.length) reply.tool_calls = toolCalls;
  if (reasoning) reply.reasoning_content = reasoning;
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message: reply, logprobs: null, finish_reason: finishReasonFromAnthropic(message.stop_reason, answer !== undefined && toolCalls.length === 0) }],
    usage: toCompletionUsage(anthropicTokenUsage(message.usage)),
  };
}
