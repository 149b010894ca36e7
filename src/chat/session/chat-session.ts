import { sumDecimals } from 'src/common/money/usd-decimal';
import type { ChatUserContext } from '../chat-prompt';

/** One stored turn of a conversation. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
  /** ISO-8601 instant. */
  timestamp: string;
}

/** Running totals of a session (kept when old turns are trimmed away). */
export interface ChatSessionStats {
  /** Messages exchanged since the session started, both roles. */
  messages: number;
  inputTokens: number;
  outputTokens: number;
  /** USD as an exact decimal string with 12 decimals. */
  costUsd: string;
}

/** A chat session as stored in the key-value store. */
export interface ChatSession {
  id: string;
  /** API key name (Caller.keyName) that created it; no other key can see it. */
  ownerKey: string;
  /** Odoo company the session was opened for, when known. */
  companyId: number | null;
  createdAt: string;
  updatedAt: string;
  userContext: ChatUserContext;
  /** The last `historySize` turns, oldest first. */
  messages: ChatTurn[];
  stats: ChatSessionStats;
  /** Plugin that answered last, kept for follow-up questions that name no topic. */
  lastPlugin?: string;
}

/** Tokens and cost of one answer. */
export interface ExchangeUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: string;
}

/** Adds two USD decimal strings exactly; the result has 12 decimals. */
export function addUsd(a: string, b: string): string {
  return sumDecimals([a, b]);
}

/** A new, empty session owned by `ownerKey`. */
export function newChatSession(id: string, ownerKey: string, companyId: number | null, userContext: ChatUserContext, now: Date): ChatSession {
  const at = now.toISOString();
  return {
    id,
    ownerKey,
    companyId,
    createdAt: at,
    updatedAt: at,
    userContext,
    messages: [],
    stats: { messages: 0, inputTokens: 0, outputTokens: 0, costUsd: addUsd('0', '0') },
  };
}

/** Replaces the stored user context with the fields the new request actually carries. */
export function mergeUserContext(session: ChatSession, update: ChatUserContext): ChatSession {
  const present = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== null && value !== undefined));
  if (Object.keys(present).length === 0) return session;
  return { ...session, userContext: { ...session.userContext, ...present } };
}

/** Appends a question and its answer, keeps the last `historySize` turns, and adds the usage to the stats. */
export function recordExchange(session: ChatSession, question: string, answer: string, usage: ExchangeUsage, historySize: number, now: Date): ChatSession {
  const at = now.toISOString();
  const messages = [...session.messages, { role: 'user' as const, content: question, timestamp: at }, { role: 'assistant' as const, content: answer, timestamp: at }].slice(-Math.max(1, historySize));
  return {
    ...session,
    updatedAt: at,
    messages,
    stats: {
      messages: session.stats.messages + 2,
      inputTokens: session.stats.inputTokens + usage.inputTokens,
      outputTokens: session.stats.outputTokens + usage.outputTokens,
      costUsd: addUsd(session.stats.costUsd, usage.costUsd),
    },
  };
}

/** The stored history as LLM messages, starting with a user turn as every vendor requires. */
export function historyForPrompt(session: ChatSession): { role: 'user' | 'assistant'; content: string }[] {
  const first = session.messages.findIndex((turn) => turn.role === 'user');
  if (first < 0) return [];
  return session.messages.slice(first).map(({ role, content }) => ({ role, content }));
}
