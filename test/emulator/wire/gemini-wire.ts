import { textOf, tokensForChars } from '../reply-builder';
import { type Answer, BadRequestError, type ParsedRequest, type StreamFrames, type WireFormat, plainFeatures } from './wire-format';

interface Content {
  role?: string;
  parts?: unknown;
}

interface GenerationConfig {
  maxOutputTokens?: number;
  responseMimeType?: string;
  thinkingConfig?: { thinkingBudget?: number };
}

const THINKING_MODEL = /gemini-(2\.5|3)(?!.*lite)/;
const ERROR_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Gemini Developer API `generateContent` / `streamGenerateContent?alt=sse`; the model comes from the path. */
export const geminiWire: WireFormat = {
  vendor: 'gemini',

  parse(body, route): ParsedRequest {
    const model = route.model;
    const contents = body.contents;
    if (!model) throw new BadRequestError('model is required');
    if (!Array.isArray(contents) || contents.length === 0) throw new BadRequestError('* GenerateContentRequest.contents: contents is not specified');
    const system = textOf((body.systemInstruction as Content | undefined)?.parts);
    let promptChars = system.length;
    let prefixChars = system.length;
    let prefixKey = `${model}\u0002${system}\u0001`;
    let lastUserText = '';
    (contents as Content[]).forEach((content, index) => {
      const text = textOf(content?.parts);
      promptChars += text.length;
      if (index < contents.length - 1) {
        prefixChars += text.length;
        prefixKey += `${content.role}\u0000${text}\u0001`;
      }
      if (content?.role !== 'model') lastUserText = text;
    });
    const config = (body.generationConfig ?? {}) as GenerationConfig;
    const budget = config.thinkingConfig?.thinkingBudget;
    return {
      deepseek: false,
      facts: {
        json: config.responseMimeType === 'application/json',
        lastUserText,
        maxTokens: config.maxOutputTokens,
        model,
        promptChars,
        reasoning: budget === undefined ? THINKING_MODEL.test(model) : budget !== 0,
      },
      implicitPrefix: { key: prefixKey, tokens: tokensForChars(prefixChars) },
      features: plainFeatures(),
      includeUsage: true,
      stream: route.stream === true,
    };
  },

  body(answer) {
    return {
      candidates: [{ content: { parts: [{ text: answer.candidates[0].text }], role: 'model' }, finishReason: finishReason(answer), index: 0 }],
      modelVersion: answer.model,
      responseId: answer.id,
      usageMetadata: usageOf(answer),
    };
  },

  frames(answer): StreamFrames {
    const usage = answer.usage.inputTokens;
    const close = `,"index":0}],"modelVersion":${JSON.stringify(answer.model)},"responseId":${JSON.stringify(answer.id)},"usageMetadata":`;
    const chunk = (text: string, finish: string, usageMetadata: string) =>
      `data: {"candidates":[{"content":{"parts":[{"text":${JSON.stringify(text)}}],"role":"model"}${finish}${close}${usageMetadata}}\n\n`;
    const promptOnly = `{"promptTokenCount":${usage},"totalTokenCount":${usage}}`;
    return {
      deltas: answer.candidates[0].chunks.map((text) => chunk(text, '', promptOnly)),
      head: [],
      tail: [chunk('', `,"finishReason":"${finishReason(answer)}"`, JSON.stringify(usageOf(answer)))],
    };
  },

  errorBody(status, message) {
    return { error: { code: status, message, status: ERROR_STATUS[status] ?? 'UNKNOWN' } };
  },

  malformedBody: '{"candidates":[{"content":{"parts":[{"text":"Respu',
  malformedFrame: 'data: {"candidates":[{"content":{"parts":[{"text":"Resp\n\n',
};

function finishReason(answer: Answer): string {
  return answer.candidates[0].finish === 'length' ? 'MAX_TOKENS' : 'STOP';
}

/** Like the real API, zero-valued optional counters are left out. */
function usageOf(answer: Answer): Record<string, unknown> {
  const { cachedTokens, inputTokens, outputTokens, reasoningTokens } = answer.usage;
  const usage: Record<string, unknown> = {
    candidatesTokenCount: outputTokens,
    promptTokenCount: inputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: inputTokens }],
    totalTokenCount: inputTokens + outputTokens + reasoningTokens,
  };
  if (cachedTokens > 0) usage.cachedContentTokenCount = cachedTokens;
  if (reasoningTokens > 0) usage.thoughtsTokenCount = reasoningTokens;
  return usage;
}
