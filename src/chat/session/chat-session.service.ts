import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from 'src/common/auth';
import type { ChatUserContext } from '../chat-prompt';
import { CHAT_SESSION_ID_MAX_LENGTH, CHAT_SESSION_ID_PATTERN } from '../chat.constants';
import type { ChatSessionClearedResponseDto, ChatSessionResponseDto, NewChatSessionResponseDto } from '../dto';
import { mergeUserContext, newChatSession, type ChatSession } from './chat-session';
import { ChatSessionStore } from './chat-session.store';

/** Where a session is looked up or created for one request. */
export interface SessionRequest {
  caller: Caller;
  /** Null or absent starts a new session. */
  sessionId?: string | null;
  /** Odoo company of the request, when it says. */
  companyId?: number | null;
  userContext: ChatUserContext;
  /** The Odoo wizard names its own sessions: an unknown id is created for this key instead of a 404. */
  createIfMissing: boolean;
}

const NOT_FOUND = 'Sesión de chat no encontrada o expirada';

/** Session lifecycle for the chat routes: ownership by API key (and company), creation, reading and clearing. */
@Injectable()
export class ChatSessionService {
  constructor(private readonly store: ChatSessionStore) {}

  /** The company a request acts for; 403 when the key may not act for it. */
  companyFor(caller: Caller, requested: number | null | undefined): number | null {
    if (requested !== null && requested !== undefined) {
      if (caller.companies && !caller.companies.includes(requested)) {
        throw new ForbiddenException(`This API key may not act for company ${requested}`);
      }
      return requested;
    }
    return caller.companies?.length === 1 ? caller.companies[0] : null;
  }

  /** Loads the caller's session (renewing it) or starts one; 404 for an unknown id unless `createIfMissing`. */
  async resolve(request: SessionRequest, now: Date): Promise<ChatSession> {
    const companyId = this.companyFor(request.caller, request.companyId);
    const owner = request.caller.keyName;
    if (!request.sessionId) return newChatSession(randomUUID(), owner, companyId, request.userContext, now);
    if (request.sessionId.length > CHAT_SESSION_ID_MAX_LENGTH || !CHAT_SESSION_ID_PATTERN.test(request.sessionId)) {
      throw new BadRequestException('session_id may only hold letters, digits and _ . : - (at most 128 characters)');
    }
    const loaded = await this.store.load(owner, request.sessionId);
    if (loaded) {
      const { session } = loaded;
      if (session.companyId !== null && companyId !== null && session.companyId !== companyId) throw new NotFoundException(NOT_FOUND);
      return mergeUserContext(session, request.userContext);
    }
    if (!request.createIfMissing) throw new NotFoundException(NOT_FOUND);
    return newChatSession(request.sessionId, owner, companyId, request.userContext, now);
  }

  /** Applies `change` to the latest stored copy of the session, one writer at a time, and saves it. */
  update(session: ChatSession, change: (latest: ChatSession) => ChatSession): Promise<ChatSession> {
    return this.store.update(session, change);
  }

  /** POST /api/chat/session/new: an empty session with a UUID and a welcome text. */
  async create(caller: Caller, userContext: ChatUserContext, now: Date): Promise<NewChatSessionResponseDto> {
    const session = newChatSession(randomUUID(), caller.keyName, this.companyFor(caller, null), userContext, now);
    await this.store.save(session);
    const name = userContext.userName ? `, ${userContext.userName}` : '';
    return {
      session_id: session.id,
      welcome_message:
        `Hola${name}, soy el asistente de Odoo para empresas chilenas. Puedo ayudarle con facturación electrónica (DTE), ` + 'remuneraciones, inventario y contabilidad. ¿En qué puedo ayudarle?',
    };
  }

  /** GET /api/chat/session/{id}: history and stats of the caller's own session. */
  async read(caller: Caller, id: string): Promise<ChatSessionResponseDto> {
    const loaded = await this.store.load(caller.keyName, id);
    if (!loaded) throw new NotFoundException(NOT_FOUND);
    const { session, ttlSeconds } = loaded;
    return {
      session_id: session.id,
      message_count: session.messages.length,
      messages: session.messages,
      stats: {
        message_count: session.stats.messages,
        ttl_remaining_seconds: ttlSeconds,
        exists: true,
        tokens_used: {
          input_tokens: session.stats.inputTokens,
          output_tokens: session.stats.outputTokens,
          total_tokens: session.stats.inputTokens + session.stats.outputTokens,
        },
        cost_usd: session.stats.costUsd,
        created_at: session.createdAt,
        last_activity: session.updatedAt,
      },
    };
  }

  /** DELETE /api/chat/session/{id}: removes the caller's own session. */
  async clear(caller: Caller, id: string): Promise<ChatSessionClearedResponseDto> {
    if (!(await this.store.remove(caller.keyName, id))) throw new NotFoundException(NOT_FOUND);
    return { status: 'cleared', session_id: id, message: 'Sesión eliminada' };
  }
}
