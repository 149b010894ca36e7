import { parseAnthropicRequest } from './anthropic-request';
import { thinkingBlock } from './anthropic-thinking';
import { type Answer, type Candidate, type FinishKind, type StreamFrames, type WireFormat, sseFrame } from './wire-format';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};
const STOP_REASON: Record<FinishKind, string> = { content_filter: 'refusal', length: 'max_tokens', stop: 'end_turn', stop_sequence: 'stop_sequence', tool_calls: 'tool_use' };

/** Anthropic Messages API. */
export const anthropicWire: WireFormat = {
  vendor: 'anthropic',

  parse: (body) => parseAnthropicRequest(body),

  body(answer) {
    const candidate = answer.candidates[0];
    const thinking = answer.request.facts.reasoning ? [{ ...thinkingBlock(answer.request.facts.lastUserText, answer.id), type: 'thinking' }] : [];
    return {
      content: [
        ...thinking,
        ...(candidate.toolCalls.length > 0
          ? candidate.toolCalls.map((call) => ({ id: call.id, input: call.input, name: call.name, type: 'tool_use' }))
          : [{ citations: null, text: candidate.text, type: 'text' }]),
      ],
      id: answer.id,
      model: answer.model,
      role: 'assistant',
      stop_reason: STOP_REASON[candidate.finish],
      stop_sequence: candidate.stopSequence ?? null,
      type: 'message',
      usage: usageOf(answer, answer.usage.outputTokens + answer.usage.reasoningTokens),
    };
  },

  frames(answer): StreamFrames {
    const candidate = answer.candidates[0];
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
    const thinking = answer.request.facts.reasoning ? thinkingFrames(answer) : [];
    const blocks = [...thinking, ...(candidate.toolCalls.length > 0 ? toolBlocks(candidate, thinking.length > 0 ? 1 : 0) : textBlock(candidate, thinking.length > 0 ? 1 : 0))];
    const [firstStart, ...rest] = blocks;
    const lastStop = rest.pop() as string;
    return {
      deltas: rest,
      head: [sseFrame({ message, type: 'message_start' }, 'message_start'), firstStart, sseFrame({ type: 'ping' }, 'ping')],
      tail: [
        lastStop,
        sseFrame({ delta: { stop_reason: STOP_REASON[candidate.finish], stop_sequence: candidate.stopSequence ?? null }, type: 'message_delta', usage: finalUsage }, 'message_delta'),
        sseFrame({ type: 'message_stop' }, 'message_stop'),
      ],
    };
  },

  errorBody(status, message) {
    return { error: { message, type: ERROR_TYPES[status] ?? 'api_error' }, type: 'error' };
  },

  contextErrorBody(promptTokens, contextWindow) {
    return { error: { message: `prompt is too long: ${promptTokens} tokens > ${contextWindow} maximum`, type: 'invalid_request_error' }, type: 'error' };
  },

  malformedBody: '{"id":"msg_broken","type":"message","role":"assistant","content":[{"type":"text","text":"Respu',
  malformedFrame: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Resp\n\n',
};

/** Block 0 when thinking is on: start, one `thinking_delta` per two words, the `signature_delta`, stop. */
function thinkingFrames(answer: Answer): string[] {
  const { signature, thinking } = thinkingBlock(answer.request.facts.lastUserText, answer.id);
  const pieces = thinking.match(/\S+\s*\S*\s*/g) ?? [thinking];
  return [
    sseFrame({ content_block: { signature: '', thinking: '', type: 'thinking' }, index: 0, type: 'content_block_start' }, 'content_block_start'),
    ...pieces.map((piece) => sseFrame({ delta: { thinking: piece, type: 'thinking_delta' }, index: 0, type: 'content_block_delta' }, 'content_block_delta')),
    sseFrame({ delta: { signature, type: 'signature_delta' }, index: 0, type: 'content_block_delta' }, 'content_block_delta'),
    sseFrame({ index: 0, type: 'content_block_stop' }, 'content_block_stop'),
  ];
}

/** Block start, one `text_delta` per chunk, block stop. */
function textBlock(candidate: Candidate, index: number): string[] {
  return [
    sseFrame({ content_block: { citations: null, text: '', type: 'text' }, index, type: 'content_block_start' }, 'content_block_start'),
    ...candidate.chunks.map((text) => `event: content_block_delta\ndata: {"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}\n\n`),
    sseFrame({ index, type: 'content_block_stop' }, 'content_block_stop'),
  ];
}

/** Per call: a `tool_use` block start with empty input, `input_json_delta` fragments (the first one empty, as Anthropic sends it), block stop. */
function toolBlocks(candidate: Candidate, firstIndex: number): string[] {
  return candidate.toolCalls.flatMap((call, position) => {
    const index = firstIndex + position;
    return [
      sseFrame({ content_block: { id: call.id, input: {}, name: call.name, type: 'tool_use' }, index, type: 'content_block_start' }, 'content_block_start'),
      ...['', ...call.fragments].map((partial) => sseFrame({ delta: { partial_json: partial, type: 'input_json_delta' }, index, type: 'content_block_delta' }, 'content_block_delta')),
      sseFrame({ index, type: 'content_block_stop' }, 'content_block_stop'),
    ];
  });
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
