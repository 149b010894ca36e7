import type { LlmResult } from 'src/gateway';
import type { KnowledgePassage } from './chat-prompt';
import type { ChatResponseDto, TokensUsedDto } from './dto';
import type { ChatPlugin } from './plugins/chat-plugin';

/** Everything known about an answered turn, from which both the JSON answer and the SSE `done` event are built. */
export interface AnsweredTurn {
  sessionId: string;
  plugin: ChatPlugin;
  selectionScore: number;
  passages: readonly KnowledgePassage[];
  result: LlmResult;
}

/** Token counts of the SSE `done` event: the JSON answer's fields plus the prompt-cache counters. */
export interface StreamTokensUsed extends TokensUsedDto {
  cache_read_tokens: number;
  cache_creation_tokens: number;
}

/** Metadata of the terminal SSE `done` event. */
export interface ChatDoneMetadata {
  sources: string[];
  confidence: number;
  llm_used: string;
  plugin: string;
  provider: string;
  model: string;
  tokens_used: StreamTokensUsed | null;
  cost_usd: string;
  session_id: string;
}

/** One Server-Sent Event of the chat stream. */
export type ChatStreamFrame = { type: 'text'; content: string } | { type: 'done'; metadata: ChatDoneMetadata } | { type: 'error'; content: string };

/**
 * A 0-100 heuristic: passages found and how clearly the question matched a plugin raise it; an answer built without
 * an LLM is capped lower, since it only quotes documents.
 */
export function answerConfidence(passageCount: number, selectionScore: number, offline: boolean): number {
  const evidence = Math.min(passageCount, 3) * 10;
  const routing = Math.min(Math.max(selectionScore, 0), 4) * 2.5;
  if (offline) return passageCount > 0 ? 35 + evidence : 10;
  return Math.min(95, 50 + evidence + routing);
}

function isOffline(result: LlmResult): boolean {
  return result.provider === 'offline';
}

function tokensUsed(result: LlmResult): TokensUsedDto | null {
  if (isOffline(result)) return null;
  const { input, output } = result.usage;
  return { input_tokens: input, output_tokens: output, total_tokens: input + output };
}

/** The JSON answer of POST /api/chat and /api/chat/message. */
export function toChatResponse(turn: AnsweredTurn): ChatResponseDto {
  const offline = isOffline(turn.result);
  return {
    message: turn.result.text,
    sources: turn.passages.map((p) => p.title),
    confidence: answerConfidence(turn.passages.length, turn.selectionScore, offline),
    session_id: turn.sessionId,
    llm_used: turn.result.provider,
    tokens_used: tokensUsed(turn.result),
    plugin_used: turn.plugin.id,
    provider: turn.result.provider,
    model: turn.result.model,
    cost_usd: turn.result.costUsd,
    offline,
  };
}

/** Metadata of the SSE `done` event for the same turn. */
export function toDoneMetadata(turn: AnsweredTurn): ChatDoneMetadata {
  const base = tokensUsed(turn.result);
  const response = toChatResponse(turn);
  return {
    sources: response.sources,
    confidence: response.confidence,
    llm_used: response.llm_used,
    plugin: turn.plugin.id,
    provider: turn.result.provider,
    model: turn.result.model,
    tokens_used: base && {
      ...base,
      cache_read_tokens: turn.result.usage.cacheRead,
      cache_creation_tokens: turn.result.usage.cacheWrite,
    },
    cost_usd: turn.result.costUsd,
    session_id: turn.sessionId,
  };
}

/** One SSE frame on the wire: a single `data:` line of JSON ended by a blank line (JSON never holds a raw newline). */
export function sseFrame(frame: ChatStreamFrame): string {
  return `data: ${JSON.stringify(frame)}\n\n`;
}
