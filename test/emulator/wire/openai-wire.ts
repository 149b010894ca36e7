import { tokenLogprobs } from '../features/logprobs';
import { parseOpenAiRequest } from './openai-request';
import type { Answer, FinishKind, StreamFrames, ToolCall, WireFormat } from './wire-format';

const ERROR_TYPES: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['permission_error', null],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'],
};
const FINISH: Record<FinishKind, string> = { content_filter: 'content_filter', length: 'length', stop: 'stop', stop_sequence: 'stop', tool_calls: 'tool_calls' };

/** OpenAI Chat Completions, also spoken by Groq, DeepSeek and OpenAI-compatible servers. */
export const openAiWire: WireFormat = {
  vendor: 'openai',

  parse: (body, route) => parseOpenAiRequest(body, route.groq === true),

  body(answer) {
    const top = answer.request.features.topLogprobs;
    return {
      choices: answer.candidates.map((candidate, index) => ({
        finish_reason: FINISH[candidate.finish],
        index,
        logprobs: top === undefined ? null : { content: candidate.toolCalls.length > 0 ? null : tokenLogprobs(candidate.text, top), refusal: null },
        message: {
          annotations: [],
          content: candidate.toolCalls.length > 0 ? null : candidate.text,
          refusal: null,
          role: 'assistant',
          ...(candidate.toolCalls.length > 0 ? { tool_calls: candidate.toolCalls.map((call) => ({ function: { arguments: call.arguments, name: call.name }, id: call.id, type: 'function' })) } : {}),
        },
      })),
      created: answer.created,
      id: answer.id,
      model: answer.model,
      object: 'chat.completion',
      service_tier: 'default',
      system_fingerprint: 'fp_emulator',
      usage: usageOf(answer),
    };
  },

  frames(answer): StreamFrames {
    // Built from string pieces: streaming is the hot path in benchmarks.
    const open = `data: {"id":${JSON.stringify(answer.id)},"object":"chat.completion.chunk","created":${answer.created},"model":${JSON.stringify(answer.model)},"system_fingerprint":"fp_emulator","choices":`;
    const close = answer.request.includeUsage ? ',"usage":null}\n\n' : '}\n\n';
    const top = answer.request.features.topLogprobs;
    const chunk = (index: number, delta: string, finish: string, logprobs = 'null') => `${open}[{"index":${index},"delta":${delta},"logprobs":${logprobs},"finish_reason":${finish}}]${close}`;
    const head: string[] = [];
    const perCandidate: string[][] = [];
    const tail: string[] = [];
    answer.candidates.forEach((candidate, index) => {
      const [first, ...rest] = candidate.toolCalls;
      head.push(chunk(index, first ? `{"role":"assistant","content":null,"tool_calls":[${toolCallOpening(first, 0)}],"refusal":null}` : '{"role":"assistant","content":"","refusal":null}', 'null'));
      perCandidate.push(
        first
          ? [...argumentDeltas(first, 0), ...rest.flatMap((call, j) => [`{"tool_calls":[${toolCallOpening(call, j + 1)}]}`, ...argumentDeltas(call, j + 1)])].map((delta) =>
              chunk(index, delta, 'null'),
            )
          : candidate.chunks.map((text) =>
              chunk(index, `{"content":${JSON.stringify(text)}}`, 'null', top === undefined ? 'null' : JSON.stringify({ content: tokenLogprobs(text, top), refusal: null })),
            ),
      );
      tail.push(chunk(index, '{}', `"${FINISH[candidate.finish]}"`));
    });
    if (answer.request.includeUsage) tail.push(`${open}[],"usage":${JSON.stringify(usageOf(answer))}}\n\n`);
    tail.push('data: [DONE]\n\n');
    return { deltas: interleave(perCandidate), head, tail };
  },

  errorBody(status, message, param) {
    const [type, code] = ERROR_TYPES[status] ?? ['server_error', null];
    return { error: { code, message, param: param ?? null, type } };
  },

  contextErrorBody(promptTokens, contextWindow) {
    const message = `This model's maximum context length is ${contextWindow} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`;
    return { error: { code: 'context_length_exceeded', message, param: 'messages', type: 'invalid_request_error' } };
  },

  malformedBody: '{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Respu',
  malformedFrame: 'data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":"Resp\n\n',
};

/** The first delta of a streamed call: index, id, type, name and empty arguments, as OpenAI sends it. */
function toolCallOpening(call: ToolCall, index: number): string {
  return JSON.stringify({ function: { arguments: '', name: call.name }, id: call.id, index, type: 'function' });
}

function argumentDeltas(call: ToolCall, index: number): string[] {
  return call.fragments.map((fragment) => `{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(fragment)}}}]}`);
}

/** Round-robin over the choices' deltas, the way OpenAI interleaves `n > 1` streams. */
function interleave(lists: string[][]): string[] {
  if (lists.length === 1) return lists[0];
  const out: string[] = [];
  const longest = Math.max(...lists.map((list) => list.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}

function usageOf(answer: Answer): Record<string, unknown> {
  const { cachedTokens, inputTokens, outputTokens, reasoningTokens } = answer.usage;
  const completion = outputTokens + reasoningTokens;
  const usage: Record<string, unknown> = {
    completion_tokens: completion,
    completion_tokens_details: { accepted_prediction_tokens: 0, audio_tokens: 0, reasoning_tokens: reasoningTokens, rejected_prediction_tokens: 0 },
    prompt_tokens: inputTokens,
    prompt_tokens_details: { audio_tokens: 0, cached_tokens: cachedTokens },
    total_tokens: inputTokens + completion,
  };
  if (answer.request.deepseek) {
    usage.prompt_cache_hit_tokens = cachedTokens;
    usage.prompt_cache_miss_tokens = inputTokens - cachedTokens;
  }
  return usage;
}
