import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Caller } from 'src/common/auth';
import type { AppConfig } from 'src/config';
import { LlmClient, type LlmRequest, type LlmResult, type LlmStreamEvent } from 'src/gateway';
import { MemoryKvStore } from 'src/infra/redis';
import type { ChatStreamFrame } from './chat-answer';
import type { KnowledgePassage } from './chat-prompt';
import { ChatService, type ChatTurnInput } from './chat.service';
import type { KnowledgeService } from './knowledge/knowledge.service';
import { AccountPlugin } from './plugins/account.plugin';
import { DtePlugin } from './plugins/dte.plugin';
import { PayrollPlugin } from './plugins/payroll.plugin';
import { StockPlugin } from './plugins/stock.plugin';
import { ChatSessionService } from './session/chat-session.service';
import { ChatSessionStore } from './session/chat-session.store';

const PASSAGE: KnowledgePassage = { id: 'dte-anular-factura', title: 'Anular una factura', module: 'dte', content: 'Emita una nota de crédito.' };

function llmResult(text: string, provider: LlmResult['provider'] = 'anthropic'): LlmResult {
  return {
    text,
    provider,
    model: 'claude-sonnet-4',
    finishReason: 'stop',
    usage: { input: 50, output: 10, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
    latencyMs: 1,
    costUsd: '0.000100000000',
    attempts: 1,
    usedFallback: false,
    cached: false,
    requestId: 'r',
  };
}

/** Records every request; answers with a canned text, or streams scripted events. */
class FakeLlm extends LlmClient {
  readonly requests: LlmRequest[] = [];
  streamScript: (request: LlmRequest) => AsyncIterable<LlmStreamEvent> = async function* () {
    yield { type: 'text', text: 'Hola ' };
    yield { type: 'text', text: 'mundo' };
    yield { type: 'done', result: llmResult('Hola mundo') };
  };

  async complete(request: LlmRequest): Promise<LlmResult> {
    this.requests.push(request);
    return llmResult(`respuesta ${this.requests.length}`);
  }
  stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    this.requests.push(request);
    return this.streamScript(request);
  }
  hasVendors(): boolean {
    return true;
  }
}

async function collect(frames: AsyncIterable<ChatStreamFrame>): Promise<ChatStreamFrame[]> {
  const out: ChatStreamFrame[] = [];
  for await (const frame of frames) out.push(frame);
  return out;
}

describe(ChatService.name, () => {
  const caller: Caller = { keyName: 'odoo', companies: null, isAdmin: false };
  const config = { chat: { sessionTtlSeconds: 3600, maxMessageLength: 50, historySize: 10, answerDeadlineMs: 25_000 }, llm: { requestDeadlineMs: 60_000 } } as AppConfig;
  let llm: FakeLlm;
  let searched: { query: string; module: string }[];
  let sut: ChatService;
  let sessions: ChatSessionService;

  const input = (message: string, extra: Partial<ChatTurnInput> = {}): ChatTurnInput => ({
    caller,
    message,
    userContext: {},
    createSessionIfMissing: false,
    ...extra,
  });

  beforeEach(() => {
    llm = new FakeLlm();
    searched = [];
    const knowledge = {
      passages: async (query: string, module: string) => {
        searched.push({ query, module });
        return module === 'dte' ? [PASSAGE] : [];
      },
    } as unknown as KnowledgeService;
    sessions = new ChatSessionService(new ChatSessionStore(new MemoryKvStore(), config));
    sut = new ChatService([new DtePlugin(), new PayrollPlugin(), new StockPlugin(), new AccountPlugin()], knowledge, sessions, llm, config);
  });

  describe('prepare', () => {
    it('refuses a message over the configured length and one that is blank once HTML is removed', async () => {
      await expect(sut.prepare(input('x'.repeat(51)))).rejects.toThrow(new BadRequestException('El mensaje tiene 51 caracteres; el máximo permitido es 50.'));
      await expect(sut.prepare(input('<p>  </p>'))).rejects.toBeInstanceOf(BadRequestException);
    });

    it('searches the chosen plugin module and builds a cached system prompt with an offline answer from the passages', async () => {
      const turn = await sut.prepare(input('  ¿Cómo anulo una factura?  '));
      expect(searched).toEqual([{ query: '¿Cómo anulo una factura?', module: 'dte' }]);
      expect(turn.request).toMatchObject({ operation: 'chat.message', caller: { apiKeyName: 'odoo', companyId: null } });
      expect(turn.request.system?.[0]).toMatchObject({ cache: true, text: expect.stringContaining('Emita una nota de crédito.') });
      expect(turn.request.offline?.(turn.request)).toContain('Fuentes: Anular una factura.');
    });

    it('answers 404 for an unknown session unless the wizard may create it, and 403 for a foreign company', async () => {
      await expect(sut.prepare(input('hola', { sessionId: 'nope' }))).rejects.toBeInstanceOf(NotFoundException);
      await expect(sut.prepare(input('hola', { sessionId: 'a b', createSessionIfMissing: true }))).rejects.toBeInstanceOf(BadRequestException);
      expect((await sut.prepare(input('hola', { sessionId: 'chat_2_abc', createSessionIfMissing: true }))).session.id).toBe('chat_2_abc');
      const limited: Caller = { keyName: 'other', companies: [7], isAdmin: false };
      await expect(sut.prepare(input('hola', { caller: limited, companyId: 3 }))).rejects.toBeInstanceOf(ForbiddenException);
    });
  });

  describe('answer', () => {
    it('sends the history and keeps a topic-less follow-up with the previous plugin', async () => {
      const first = await sut.answer(input('¿Cuánto es el tope imponible de la AFP?'));
      expect(first.plugin_used).toBe('payroll');
      const second = await sut.answer(input('¿y el mes pasado?', { sessionId: first.session_id }));
      expect(second.plugin_used).toBe('payroll');
      expect(llm.requests[1].messages).toEqual([
        { role: 'user', content: '¿Cuánto es el tope imponible de la AFP?' },
        { role: 'assistant', content: 'respuesta 1' },
        { role: 'user', content: '¿y el mes pasado?' },
      ]);
    });

    it('gives the vendor call the chat deadline, or the request deadline when that is shorter', async () => {
      await sut.answer(input('¿Cómo anulo una factura?'));
      expect(llm.requests[0].deadlineMs).toBe(25_000);
      const strict = { ...config, llm: { requestDeadlineMs: 10_000 } } as AppConfig;
      const knowledge = { passages: async () => [] } as unknown as KnowledgeService;
      await new ChatService([new DtePlugin()], knowledge, sessions, llm, strict).answer(input('¿Cómo anulo una factura?'));
      expect(llm.requests[1].deadlineMs).toBe(10_000);
    });
  });

  describe('concurrent answers', () => {
    it('keeps both turns when two messages to one session are answered at the same time', async () => {
      const first = await sut.answer(input('¿Cómo anulo una factura?'));
      await Promise.all([sut.answer(input('¿Y una guía de despacho?', { sessionId: first.session_id })), sut.answer(input('¿Y una boleta?', { sessionId: first.session_id }))]);
      const stored = await sessions.read(caller, first.session_id);
      const questions = stored.messages.filter((m) => m.role === 'user').map((m) => m.content);
      expect(questions).toEqual(expect.arrayContaining(['¿Cómo anulo una factura?', '¿Y una guía de despacho?', '¿Y una boleta?']));
      expect(stored.stats.message_count).toBe(6);
    });
  });

  describe('stream', () => {
    it('yields the deltas and then done with the session id', async () => {
      const turn = await sut.prepare(input('¿Cómo anulo una factura?'));
      const frames = await collect(sut.stream(turn, new AbortController().signal));
      expect(frames.slice(0, 2)).toEqual([
        { type: 'text', content: 'Hola ' },
        { type: 'text', content: 'mundo' },
      ]);
      expect(frames[2]).toMatchObject({ type: 'done', metadata: { session_id: turn.session.id, sources: ['Anular una factura'], plugin: 'dte' } });
    });

    it('ends with an error frame when the upstream fails after some text', async () => {
      llm.streamScript = async function* () {
        yield { type: 'text', text: 'Hola' };
        throw new Error('socket hang up');
      };
      const frames = await collect(sut.stream(await sut.prepare(input('hola')), new AbortController().signal));
      expect(frames).toEqual([
        { type: 'text', content: 'Hola' },
        { type: 'error', content: expect.stringContaining('socket hang up') },
      ]);
    });

    it('passes the signal upstream and stops quietly once the client has left', async () => {
      const abort = new AbortController();
      llm.streamScript = async function* (request) {
        yield { type: 'text', text: 'Hola' };
        abort.abort();
        if (request.signal?.aborted) throw new Error('aborted');
      };
      const turn = await sut.prepare(input('hola'));
      expect(await collect(sut.stream(turn, abort.signal))).toEqual([{ type: 'text', content: 'Hola' }]);
      expect(llm.requests[0].signal).toBe(abort.signal);
    });
  });
});
