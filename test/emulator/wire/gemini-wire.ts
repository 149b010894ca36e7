import { IMAGE_TOKENS } from '../features/answer-plan';
import { parseGeminiRequest } from './gemini-request';
import type { Answer, Candidate, StreamFrames, WireFormat } from './wire-format';

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

  parse: (body, route) => ({ ...parseGeminiRequest(body, route.model), stream: route.stream === true }),

  body(answer) {
    return {
      candidates: answer.candidates.map((candidate, index) => ({ content: { parts: partsOf(candidate, answer), role: 'model' }, finishReason: finishReason(candidate), index })),
      modelVersion: answer.model,
      responseId: answer.id,
      usageMetadata: usageOf(answer),
    };
  },

  frames(answer): StreamFrames {
    const usage = answer.usage.inputTokens;
    const close = `],"modelVersion":${JSON.stringify(answer.model)},"responseId":${JSON.stringify(answer.id)},"usageMetadata":`;
    const promptOnly = `{"promptTokenCount":${usage},"totalTokenCount":${usage}}`;
    const candidateJson = (parts: string, index: number, finish = '') => `{"content":{"parts":${parts},"role":"model"}${finish},"index":${index}}`;
    const perCandidate = answer.candidates.map((candidate, index) =>
      candidate.toolCalls.length > 0
        ? [`data: {"candidates":[${candidateJson(JSON.stringify(partsOf(candidate, answer)), index)}${close}${promptOnly}}\n\n`]
        : candidate.chunks.map((text) => `data: {"candidates":[${candidateJson(`[{"text":${JSON.stringify(text)}}]`, index)}${close}${promptOnly}}\n\n`),
    );
    const finals = answer.candidates.map((candidate, index) => candidateJson('[{"text":""}]', index, `,"finishReason":"${finishReason(candidate)}"`));
    return { deltas: perCandidate.flat(), head: [], tail: [`data: {"candidates":[${finals.join(',')}${close}${JSON.stringify(usageOf(answer))}}\n\n`] };
  },

  errorBody(status, message) {
    return { error: { code: status, message, status: ERROR_STATUS[status] ?? 'UNKNOWN' } };
  },

  contextErrorBody(promptTokens, contextWindow) {
    return { error: { code: 400, message: `The input token count (${promptTokens}) exceeds the maximum number of tokens allowed (${contextWindow}).`, status: 'INVALID_ARGUMENT' } };
  },

  malformedBody: '{"candidates":[{"content":{"parts":[{"text":"Respu',
  malformedFrame: 'data: {"candidates":[{"content":{"parts":[{"text":"Resp\n\n',
};

/** Thinking models sign their first function call (`thoughtSignature`), which Gemini 3 wants back in the history. */
function partsOf(candidate: Candidate, answer: Answer): unknown[] {
  if (candidate.toolCalls.length === 0) return [{ text: candidate.text }];
  return candidate.toolCalls.map((call, index) => ({
    functionCall: { args: call.input, name: call.name },
    ...(index === 0 && answer.request.facts.reasoning ? { thoughtSignature: Buffer.from(`emu-signature:${call.id}`).toString('base64') } : {}),
  }));
}

/** Gemini reports tool calls and stop sequences as STOP too. */
function finishReason(candidate: Candidate): string {
  if (candidate.finish === 'content_filter') return 'SAFETY';
  return candidate.finish === 'length' ? 'MAX_TOKENS' : 'STOP';
}

/** Like the real API, zero-valued optional counters are left out. */
function usageOf(answer: Answer): Record<string, unknown> {
  const { cachedTokens, inputTokens, outputTokens, reasoningTokens } = answer.usage;
  const imageTokens = answer.request.features.imageCount * IMAGE_TOKENS;
  const details = [{ modality: 'TEXT', tokenCount: inputTokens - imageTokens }];
  if (imageTokens > 0) details.push({ modality: 'IMAGE', tokenCount: imageTokens });
  const usage: Record<string, unknown> = {
    candidatesTokenCount: outputTokens,
    promptTokenCount: inputTokens,
    promptTokensDetails: details,
    totalTokenCount: inputTokens + outputTokens + reasoningTokens,
  };
  if (cachedTokens > 0) usage.cachedContentTokenCount = cachedTokens;
  if (reasoningTokens > 0) usage.thoughtsTokenCount = reasoningTokens;
  return usage;
}
