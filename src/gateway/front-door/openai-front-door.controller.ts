import { Body, Controller, Get, HttpException, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Caller, CurrentCaller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';
import { toErrorBody } from 'src/common/errors';
import { GatewayService } from '../gateway.service';
import { ModelCatalog } from '../catalog/model-catalog';
import { Inject } from '@nestjs/common';
import { GATEWAY_DEPS } from '../gateway.module.tokens';
import type { GatewayDeps } from '../gateway-deps';
import { fromOpenAiRequest, toOpenAiChunk, toOpenAiError, toOpenAiResponse, WireRequest } from './openai-wire';

const EXAMPLE = { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Eres un asistente contable chileno.' }, { role: 'user', content: '¿Qué es una nota de crédito electrónica (DTE 61)?' }], max_tokens: 300, temperature: 0.2 };

/** OpenAI-compatible front door: any OpenAI SDK client uses the gateway by changing its base URL to /v1. */
@ApiTags('openai-compatible')
@RateLimit('llmProxy')
@Controller('v1')
export class OpenAiFrontDoorController {
  private readonly catalog: ModelCatalog;

  constructor(
    private readonly gateway: GatewayService,
    @Inject(GATEWAY_DEPS) deps: GatewayDeps,
  ) {
    this.catalog = deps.catalog;
  }

  @Get('models')
  @ApiOperation({ summary: 'Models in the catalog (OpenAI list shape)' })
  models() {
    return {
      object: 'list',
      data: [...this.catalog.models.values()].map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: m.provider, context_window: m.contextWindow })),
    };
  }

  @Post('chat/completions')
  @ApiOperation({ summary: 'Chat completion through limits, breakers, retries and fallback (streaming with stream: true)' })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  async complete(@Body() body: WireRequest, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const requestId = String(req.id);
    const abort = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) abort.abort(new Error('client disconnected'));
    });
    try {
      const request = fromOpenAiRequest(body, { caller: { apiKeyName: caller.keyName, companyId: caller.companies?.[0] ?? null }, requestId });
      request.signal = abort.signal;
      if (!request.stream) {
        const result = await this.gateway.complete(request);
        void reply.status(200).send(toOpenAiResponse(result));
        return;
      }
      await this.streamTo(reply, request, requestId);
    } catch (error) {
      if (reply.raw.headersSent) return;
      const body = toErrorBody(error, requestId);
      const status = error instanceof HttpException ? error.getStatus() : body.statusCode === 500 ? 503 : body.statusCode;
      void reply.status(status).send(toOpenAiError(status, status === 503 ? 'No provider could serve the request' : body.message, requestId));
    }
  }

  private async streamTo(reply: FastifyReply, request: ReturnType<typeof fromOpenAiRequest>, requestId: string): Promise<void> {
    const events = this.gateway.stream(request)[Symbol.asyncIterator]();
    const first = await events.next(); // errors before the first event still get a normal HTTP error
    const created = Math.floor(Date.now() / 1000);
    let model = request.model ?? '';
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-request-id': requestId });
    const send = (data: unknown) => reply.raw.write(`data: ${JSON.stringify(data)}\n\n`);
    try {
      for (let step = first; !step.done; step = await events.next()) {
        const event = step.value;
        if (event.type === 'start') {
          model = event.model;
          send(toOpenAiChunk(requestId, model, created, { role: 'assistant', content: '' }));
        } else if (event.type === 'text') send(toOpenAiChunk(requestId, model, created, { content: event.text }));
        else {
          send(toOpenAiChunk(requestId, model, created, {}, event.result.finishReason === 'length' ? 'length' : 'stop'));
          send(toOpenAiChunk(requestId, model, created, {}, null, event.result));
          reply.raw.write('data: [DONE]\n\n');
        }
      }
    } catch (error) {
      send({ error: { message: (error as Error).message, type: 'stream_interrupted', param: null, code: 'stream_interrupted' } });
    } finally {
      reply.raw.end();
    }
  }
}
