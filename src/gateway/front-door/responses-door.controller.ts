import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Caller, CurrentCaller } from 'src/common/auth';
import { openEventStream } from 'src/common/http/event-stream';
import { RateLimit } from 'src/common/throttling';
import { AppConfig } from 'src/config';
import { GatewayService } from '../gateway.service';
import type { ChatBody } from '../providers/provider';
import { isUnsupportedParameterError } from '../providers/unsupported-parameter.error';
import { isDoorRequestError } from './anthropic/door-request.error';
import { doorCaller, proxyRunOptions, takeGatewayControls, theRestOf } from './gateway-controls';
import { validateChatBody } from './openai/chat-request';
import { gatewayHeaders, gatewayInfo } from './openai/chat-response';
import { responsesToChat } from './responses/responses-request.mapper';
import { chatToResponse, type ResponseEcho } from './responses/responses-response.mapper';
import { ChatToResponsesStream, type ResponsesSseEvent } from './responses/responses-stream.mapper';

const EXAMPLE = { model: 'gpt-6-luna', instructions: 'Eres un asistente contable chileno.', input: '¿Qué es una factura exenta (DTE 34)?', max_output_tokens: 300 };

const notStored = (id: string) => `Response "${id.slice(0, 80)}" was not stored: this gateway keeps no responses (send the whole conversation in input)`;
const sse = (event: ResponsesSseEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * OpenAI Responses API door (`client.responses.create`), stateless: translated to the canonical chat body and run
 * through the same path as every other call, to any vendor; the answer and its stream come back in the Responses shape.
 */
@ApiTags('openai-compatible')
@RateLimit('llmProxy')
@Controller('v1')
export class ResponsesDoorController {
  constructor(
    private readonly gateway: GatewayService,
    private readonly config: AppConfig,
  ) {}

  @Get('responses/:id')
  @ApiOperation({ summary: 'Always 404: this gateway does not store responses (send the whole conversation in input)' })
  retrieve(@Param('id') id: string): never {
    throw new NotFoundException(notStored(id));
  }

  @Delete('responses/:id')
  @ApiOperation({ summary: 'Always 404: this gateway does not store responses, so there is nothing to delete' })
  remove(@Param('id') id: string): never {
    throw new NotFoundException(notStored(id));
  }

  @Post('responses')
  @HttpCode(200)
  @ApiOperation({
    summary: 'OpenAI Responses API, stateless: messages, function tools and their outputs, images, structured output (text.format), streaming with Responses events; to any vendor',
  })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  async create(@Body() raw: unknown, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequestException('Body must be a JSON object');
    const controls = takeGatewayControls(raw as Record<string, unknown>, req.headers);
    let body: ChatBody;
    try {
      // The chat door's own checks (numbers the gateway prices and caches by), on the translated body.
      body = validateChatBody(responsesToChat(raw));
    } catch (error) {
      if (isDoorRequestError(error) || isUnsupportedParameterError(error)) throw new BadRequestException(error.message);
      throw error;
    }
    const options = proxyRunOptions('proxy.responses', controls, this.config, doorCaller(caller, req, reply));
    const request = raw as Record<string, unknown>;
    if (body.stream !== true) {
      const { completion, result } = await this.gateway.chat(body, options);
      const echo: ResponseEcho = { requestId: result.requestId, createdAt: completion.created, model: result.model, request };
      void reply
        .status(200)
        .headers(gatewayHeaders(result))
        .send(Object.assign(chatToResponse(completion, echo), { x_gateway: gatewayInfo(result) }));
      return;
    }
    const events = this.gateway.chatStream(Object.assign({}, body, { stream_options: { include_usage: true } }), options)[Symbol.asyncIterator]();
    const first = await events.next(); // a failure before the first event still gets a normal HTTP error
    if (first.done || first.value.type !== 'start') throw new Error('stream ended before it started');
    const stream = openEventStream(reply, { 'x-request-id': String(req.id), ...gatewayHeaders(first.value) });
    const translator = new ChatToResponsesStream({ requestId: first.value.requestId, createdAt: Math.floor(Date.now() / 1000), model: first.value.model, request });
    try {
      for await (const event of theRestOf(events)) {
        const out = event.type === 'chunks' ? event.items.flatMap(({ chunk }) => translator.push(chunk)) : event.type === 'done' ? translator.finish({ x_gateway: gatewayInfo(event.result) }) : [];
        for (const e of out) if (!stream.write(sse(e))) return;
      }
    } catch (error) {
      stream.write(sse(translator.failure((error as Error).message)));
    } finally {
      stream.end();
    }
  }
}
