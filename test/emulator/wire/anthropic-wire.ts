import type { CachePrefix } from '../prompt-cache';
import { textOf, tokensForChars } from '../reply-builder';
import { type Answer, BadRequestError, type ParsedRequest, type StreamFrames, type WireFormat, plainFeatures, sseFrame } from './wire-format';

interface Block {
  text?: unknown;
  content?: unknown;
  cache_control?: unknown;
  name?: unknown;
  description?: unknown;
  input_schema?: unknown;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/** Walks tools → system → messages in prompt order, counting characters and recording each `cache_control` breakpoint. */
class PromptWalker {
  chars = 0;
  key = '';
  readonly breakpoints: CachePrefix[] = [];

  constructor(model: string) {
    this.key = `${model}\u0002`;
  }

  visit(text: string, block: Block | undefined): void {
    this.chars += text.length;
    this.key += `${text}\u0001`;
    if (block?.cache_control) this.breakpoints.push({ key: this.key, tokens: tokensForChars(this.chars) });
  }

  visitAll(content: unknown): void {
    if (!Array.isArray(content)) return this.visit(textOf(content), undefined);
    for (const block of content as Block[]) this.visit(textOf([block]), block);
  }
}

/** Anthropic Messages API. */
export const anthropicWire: WireFormat = {
  vendor: 'anthropic',

  parse(body): ParsedRequest {
    const { model, messages, max_tokens: maxTokens } = body;
    if (typeof model !== 'string' || !model) throw new BadRequestError('model: Field required');
    if (typeof maxTokens !== 'number') throw new BadRequestError('max_tokens: Field required');
    if (!Array.isArray(messages) || messages.length === 0) throw new BadRequestError('messages: at least one message is required');
    const walker = new PromptWalker(model);
    for (const tool of (Array.isArray(body.tools) ? body.tools : []) as Block[]) {
      walker.visit(`${String(tool.name ?? '')} ${String(tool.description ?? '')} ${JSON.stringify(tool.input_schema ?? {})}`, tool);
    }
    walker.visitAll(body.system);
    let lastUserText = '';
    for (const message of messages as Array<{ role?: string; content?: unknown }>) {
      walker.visitAll(message?.content);
      if (message?.role === 'user') lastUserText = textOf(message.content);
    }
    const thinking = body.thinking as { type?: string } | undefined;
    return {
      breakpoints: walker.breakpoints,
      deepseek: false,
      facts: { json: false, lastUserText, maxTokens, model, promptChars: walker.chars, reasoning: thinking?.type === 'enabled' || thinking?.type === 'adaptive' },
      features: plainFeatures(),
      includeUsage: true,
      stream: body.stream === true,
    };
  },

  body(answer) {
    return {
      content: [{ citations: null, text: answer.candidates[0].text, type: 'text' }],
      id: answer.id,
      model: answer.model,
      role: 'assistant',
      stop_reason: stopReason(answer),
      stop_sequence: null,
      type: 'message',
      usage: usageOf(answer, answer.usage.outputTokens + answer.usage.reasoningTokens),
    };
  },

  frames(answer): StreamFrames {
    const message = {
      content: [],
      id: answer.id,
      model: answer.model,
      role: 'assistant',
      stop_reason: null,
      stop_sequence: null,
      type: 'message',
      usage: usageOf(answer, 1),
    };
    const { cache_creation: _omit, ...finalUsage } = usageOf(answer, answer.usage.outputTokens + answer.usage.reasoningTokens);
    return {
      deltas: answer.candidates[0].chunks.map(
        (text) => `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}\n\n`,
      ),
      head: [
        sseFrame({ message, type: 'message_start' }, 'message_start'),
        sseFrame({ content_block: { citations: null, text: '', type: 'text' }, index: 0, type: 'content_block_start' }, 'content_block_start'),
        sseFrame({ type: 'ping' }, 'ping'),
      ],
      tail: [
        sseFrame({ index: 0, type: 'content_block_stop' }, 'content_block_stop'),
        sseFrame({ delta: { stop_reason: stopReason(answer), stop_sequence: null }, type: 'message_delta', usage: finalUsage }, 'message_delta'),
        sseFrame({ type: 'message_stop' }, 'message_stop'),
      ],
    };
  },

  errorBody(status, message) {
    return { error: { message, type: ERROR_TYPES[status] ?? 'api_error' }, type: 'error' };
  },

  malformedBody: '{"id":"msg_broken","type":"message","role":"assistant","content":[{"type":"text","text":"Respu',
  malformedFrame: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Resp\n\n',
};

function stopReason(answer: Answer): string {
  return answer.candidates[0].finish === 'length' ? 'max_tokens' : 'end_turn';
}

function usageOf(answer: Answer, outputTokens: number) {
  const { cacheCreationTokens, cachedTokens, inputTokens } = answer.usage;
  return {
    cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: cacheCreationTokens },
    cache_creation_input_tokens: cacheCreationTokens,
    cache_read_input_tokens: cachedTokens,
    input_tokens: Math.max(0, inputTokens - cachedTokens - cacheCreationTokens),
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}
