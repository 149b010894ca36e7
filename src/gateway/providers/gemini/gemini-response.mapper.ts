import type { ChatCompletion, ChatCompletionMessageFunctionToolCall, ChatCompletionTokenLogprob } from 'openai/resources/chat/completions';
import type { TokenUsage } from '../../llm.types';
import { CanonicalMessage, FinishReason, toCompletionUsage } from '../canonical-wire';
import type { GeminiCandidate, GeminiLogprobCandidate, GeminiPart, GeminiResponse, GeminiUsageMetadata } from './gemini-rest.types';
import { toolCallIdFor } from './gemini-tool-call-id';

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION']);

/** OpenAI's finish reason for a Gemini one; Gemini says STOP after function calls too. */
export function finishReasonFromGemini(reason: string | undefined, calledTools: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content_filter';
  return calledTools ? 'tool_calls' : 'stop';
}

/** Gemini counts cached tokens inside the prompt count, and thinking tokens outside the candidates count. */
export function geminiTokenUsage(meta: GeminiUsageMetadata | undefined): TokenUsage {
  const cached = meta?.cachedContentTokenCount ?? 0;
  const thoughts = meta?.thoughtsTokenCount ?? 0;
  return {
    input: Math.max(0, (meta?.promptTokenCount ?? 0) + (meta?.toolUsePromptTokenCount ?? 0) - cached),
    output: (meta?.candidatesTokenCount ?? 0) + thoughts,
    cacheRead: cached,
    cacheWrite: 0,
    reasoning: thoughts,
  };
}

/** A functionCall part as an OpenAI tool call; the id carries the part's thought signature for the next turn. */
export function toolCallFromPart(part: GeminiPart): ChatCompletionMessageFunctionToolCall | undefined {
  if (!part.functionCall) return undefined;
  return {
    id: toolCallIdFor(part.functionCall.id, part.thoughtSignature),
    type: 'function',
    function: { name: part.functionCall.name ?? '', arguments: JSON.stringify(part.functionCall.args ?? {}) },
  };
}

function tokenLogprob(chosen: GeminiLogprobCandidate, top: GeminiLogprobCandidate[]): ChatCompletionTokenLogprob {
  const entry = (candidate: GeminiLogprobCandidate) => ({ token: candidate.token ?? '', logprob: candidate.logProbability ?? 0, bytes: [...Buffer.from(candidate.token ?? '', 'utf8')] });
  return Object.assign(entry(chosen), { top_logprobs: top.map(entry) });
}

/** Gemini's logprobsResult as OpenAI's per-token logprobs, or null when the request did not ask for them. */
export function logprobsFromGemini(candidate: GeminiCandidate): ChatCompletion.Choice.Logprobs | null {
  const result = candidate.logprobsResult;
  if (!result?.chosenCandidates) return null;
  return { content: result.chosenCandidates.map((chosen, index) => tokenLogprob(chosen, result.topCandidates?.[index]?.candidates ?? [])), refusal: null };
}

function choiceOf(candidate: GeminiCandidate, position: number): ChatCompletion.Choice {
  let text = '';
  let reasoning = '';
  const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    const call = toolCallFromPart(part);
    if (call) toolCalls.push(call);
    else if (part.thought && part.text) reasoning += part.text;
    else if (part.text) text += part.text;
  }
  const message: CanonicalMessage = {
    role: 'assistant',
    content: text === '' && toolCalls.length ? null : text,
    refusal: null,
  };
  if (toolCalls.length) message.tool_calls = toolCalls;
  if (reasoning) message.reasoning_content = reasoning;
  return { index: candidate.index ?? position, message, logprobs: logprobsFromGemini(candidate), finish_reason: finishReasonFromGemini(candidate.finishReason, toolCalls.length > 0) };
}

/**
 * A Gemini generateContent answer as an OpenAI chat.completion: one choice per candidate, functionCall
 * parts as tool calls, thoughts as `reasoning_content`, a blocked prompt as an empty content_filter choice.
 */
export function fromGeminiResponse(json: GeminiResponse, model: string, id: string, created: number): ChatCompletion {
  const candidates = json.candidates ?? [];
  const choices = candidates.length
    ? candidates.map(choiceOf).sort((a, b) => a.index - b.index)
    : [
        {
          index: 0,
          message: { role: 'assistant' as const, content: null, refusal: null },
          logprobs: null,
          finish_reason: json.promptFeedback?.blockReason ? ('content_filter' as const) : ('stop' as const),
        },
      ];
  return { id, object: 'chat.completion', created, model, choices, usage: toCompletionUsage(geminiTokenUsage(json.usageMetadata)) };
}
