import { textOf, tokensForChars } from '../reply-builder';
import { type Answer, BadRequestError, type ParsedRequest, type StreamFrames, type WireFormat } from './wire-format';

interface ChatMessage {
  role?: string;
  content?: unknown;
}

const REASONING_MODEL = /^(o\d|gpt-5(?!-chat))|^deepseek-reasoner/;
const ERROR_TYPES: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['permission_error', null],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'],
};

/** OpenAI Chat Completions, also spoken by Groq, DeepSeek and OpenAI-compatible servers. */
export const openAiWire: WireFormat = {
  vendor: 'openai',

  parse(body): ParsedRequest {
    const model = body.model;
    const messages = body.messages;
    if (typeof model !== 'string' || !model) throw new BadRequestError('you must provide a model parameter');
    if (!Array.isArray(messages) || messages.length === 0) throw new BadRequestError("'messages' must be a non-empty array");
    let promptChars = 0;
    let prefixChars = 0;
    let prefixKey = '';
    let lastUserText = '';
    (messages as ChatMessage[]).forEach((message, index) => {
      const text = textOf(message?.content);
      promptChars += text.length;
      if (index < messages.length - 1) {
        prefixChars += text.length;
        prefixKey += `${message.role}\u0000${text}\u0001`;
      }
      if (message?.role === 'user') lastUserText = text;
    });
    const maxTokens = (body.max_completion_tokens ?? body.max_tokens) as number | undefined;
    const responseFormat = body.response_format as { type?: string } | undefined;
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
    return {
      deepseek: model.startsWith('deepseek'),
      facts: {
        json: responseFormat?.type === 'json_object' || responseFormat?.type === 'json_schema',
        lastUserText,
        maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
        model,
        promptChars,
        reasoning: REASONING_MODEL.test(model) || typeof body.reasoning_effort === 'string',
      },
      implicitPrefix: { key: `${model}\u0002${prefixKey}`, tokens: tokensForChars(prefixChars) },
      includeUsage: streamOptions?.include_usage === true,
      stream: body.stream === true,
    };
  },

  body(answer) {
    return {
      choices: [
        {
          finish_reason: finishReason(answer),
          index: 0,
          logprobs: null,
          message: { annotations: [], content: answer.text, refusal: null, role: 'assistant' },
        },
      ],
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
    const chunk = (delta: string, finish: string) => `${open}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]${close}`;
    const tail = [chunk('{}', `"${finishReason(answer)}"`)];
    if (answer.request.includeUsage) tail.push(`${open}[],"usage":${JSON.stringify(usageOf(answer))}}\n\n`);
    tail.push('data: [DONE]\n\n');
    return {
      deltas: answer.chunks.map((text) => chunk(`{"content":${JSON.stringify(text)}}`, 'null')),
      head: [chunk('{"role":"assistant","content":"","refusal":null}', 'null')],
      tail,
    };
  },

  errorBody(status, message) {
    const [type, code] = ERROR_TYPES[status] ?? ['server_error', null];
    return { error: { code, message, param: null, type } };
  },

  malformedBody: '{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Respu',
  malformedFrame: 'data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":"Resp\n\n',
};

function finishReason(answer: Answer): string {
  return answer.truncated ? 'length' : 'stop';
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
