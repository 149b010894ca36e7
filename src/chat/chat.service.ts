import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Caller } from 'src/common/auth';
import type { Abortable } from 'src/common/abort/abortable';
import { AppConfig } from 'src/config';
import { LlmClient, type LlmRequest, type LlmResult } from 'src/gateway';
import { toChatResponse, toDoneMetadata, type AnsweredTurn, type ChatStreamFrame } from './chat-answer';
import { buildChatSystem, buildOfflineAnswer, sanitizeUserMessage, type ChatUserContext, type KnowledgePassage } from './chat-prompt';
import type { ChatResponseDto } from './dto';
import { KnowledgeService } from './knowledge/knowledge.service';
import { CHAT_PLUGINS, type ChatPlugin } from './plugins/chat-plugin';
import { selectPlugin } from './plugins/plugin-selector';
import { historyForPrompt, recordExchange, type ChatSession } from './session/chat-session';
import { ChatSessionService } from './session/chat-session.service';

/** One user message as the routes receive it. */
export interface ChatTurnInput {
  caller: Caller;
  sessionId?: string | null;
  message: string;
  userContext: ChatUserContext;
  companyId?: number | null;
  /** POST /api/chat: an unknown session id is created for this key. */
  createSessionIfMissing: boolean;
  requestId?: string;
}

/** A turn ready to send: session, plugin, passages and the LLM request. */
export interface PreparedTurn {
  session: ChatSession;
  question: string;
  plugin: ChatPlugin;
  selectionScore: number;
  passages: KnowledgePassage[];
  request: LlmRequest;
}

const MAX_ANSWER_TOKENS = 1024;
const ANSWER_TEMPERATURE = 0.3;

/** Chat turns: message checks, plugin choice, knowledge passages, the LLM call and the session bookkeeping. */
@Injectable()
export class ChatService {
  private readonly now = () => new Date();

  constructor(
    @Inject(CHAT_PLUGINS) private readonly plugins: ChatPlugin[],
    private readonly knowledge: KnowledgeService,
    private readonly sessions: ChatSessionService,
    private readonly llm: LlmClient,
    private readonly config: AppConfig,
  ) {}

  /** Ids of the registered plugins, for /health. */
  pluginIds(): string[] {
    return this.plugins.map((p) => p.id);
  }

  /** Checks the message and builds the turn; throws 400 (too long, blank), 403 (company) or 404 (session). */
  async prepare(input: ChatTurnInput): Promise<PreparedTurn> {
    const max = this.config.chat.maxMessageLength;
    const length = Array.from(input.message).length;
    if (length > max) throw new BadRequestException(`El mensaje tiene ${length} caracteres; el máximo permitido es ${max}.`);
    const question = sanitizeUserMessage(input.message, max);
    if (!question) throw new BadRequestException('El mensaje está vacío (después de quitar el formato HTML no queda texto).');

    const session = await this.sessions.resolve(
      { caller: input.caller, sessionId: input.sessionId, companyId: input.companyId, userContext: input.userContext, createIfMissing: input.createSessionIfMissing },
      this.now(),
    );
    const { plugin, score } = this.pickPlugin(question, session);
    const passages = await this.knowledge.passages(question, plugin.knowledgeModule);
    const request: LlmRequest = {
      operation: 'chat.message',
      messages: [...historyForPrompt(session), { role: 'user', content: question }],
      system: buildChatSystem(plugin, session.userContext, passages),
      maxTokens: MAX_ANSWER_TOKENS,
      temperature: ANSWER_TEMPERATURE,
      offline: () => buildOfflineAnswer(plugin, passages, question),
      caller: { apiKeyName: input.caller.keyName, companyId: session.companyId },
      requestId: input.requestId,
    };
    return { session, question, plugin, selectionScore: score, passages, request };
  }

  /** Answers one message as JSON (POST /api/chat, POST /api/chat/message). */
  async answer(input: ChatTurnInput, signal?: Abortable): Promise<ChatResponseDto> {
    const turn = await this.prepare(input);
    // A vendor that hangs would otherwise hold the answer for the whole request deadline; at this one the
    // knowledge-base answer is given instead, before the caller gives up.
    const deadlineMs = Math.min(this.config.chat.answerDeadlineMs, this.config.llm.requestDeadlineMs);
    const result = await this.llm.complete({ ...turn.request, signal, deadlineMs });
    return toChatResponse(await this.finish(turn, result));
  }

  /**
   * Streams an answer as chat frames: text deltas, then `done` (after the session is saved) or `error`. Yields
   * nothing more once `signal` aborts (the client left; the upstream call is cancelled through the same signal).
   */
  async *stream(turn: PreparedTurn, signal: Abortable): AsyncGenerator<ChatStreamFrame> {
    let result: LlmResult | undefined;
    try {
      for await (const event of this.llm.stream({ ...turn.request, signal })) {
        if (signal.aborted) return;
        if (event.type === 'text' && event.text) yield { type: 'text', content: event.text };
        else if (event.type === 'done') result = event.result;
      }
      if (!result) throw new Error('the answer ended without a result');
      const answered = await this.finish(turn, result);
      if (!signal.aborted) yield { type: 'done', metadata: toDoneMetadata(answered) };
    } catch (error) {
      if (signal.aborted) return;
      yield { type: 'error', content: `El asistente no pudo completar la respuesta: ${(error as Error).message}` };
    }
  }

  private pickPlugin(question: string, session: ChatSession): { plugin: ChatPlugin; score: number } {
    const selection = selectPlugin(this.plugins, question, { module: session.userContext.module });
    if (selection.score > 0 || !session.lastPlugin) return { plugin: selection.plugin, score: selection.score };
    const previous = this.plugins.find((p) => p.id === session.lastPlugin);
    return { plugin: previous ?? selection.plugin, score: 0 };
  }

  private async finish(turn: PreparedTurn, result: LlmResult): Promise<AnsweredTurn> {
    const usage = { inputTokens: result.usage.input, outputTokens: result.usage.output, costUsd: result.costUsd };
    const now = this.now();
    // Another answer for the same session may have been saved while this one was generated: append to that copy.
    await this.sessions.update(turn.session, (latest) => {
      const withContext = { ...latest, userContext: { ...latest.userContext, ...turn.session.userContext } };
      const updated = recordExchange(withContext, turn.question, result.text, usage, this.config.chat.historySize, now);
      return { ...updated, lastPlugin: turn.plugin.id };
    });
    return { sessionId: turn.session.id, plugin: turn.plugin, selectionScore: turn.selectionScore, passages: turn.passages, result };
  }
}
