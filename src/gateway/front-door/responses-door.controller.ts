import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Caller, CurrentCaller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';
import { AppConfig } from 'src/config';
import { GatewayService } from '../gateway.service';
import { doorCaller, proxyRunOptions, takeGatewayControls } from './gateway-controls';
import { validateChatBody } from './openai/chat-request';
import { relayTranslatedStream, translatedRequest } from './translated-stream';
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
    // The chat door's own checks (numbers the gateway prices and caches by), on the translated body.
    const body = translatedRequest(() => validateChatBody(responsesToChat(raw)));
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
    await relayTranslatedStream(
      reply,
      req,
      (sink) => this.gateway.relayStream(body, options, sink),
      (start) => {
        const translator = new ChatToResponsesStream({ requestId: start.requestId, createdAt: Math.floor(Date.now() / 1000), model: start.model, request });
        return {
          push: (chunk) => translator.push(chunk).map(sse),
          finish: (result) => translator.finish({ x_gateway: gatewayInfo(result) }).map(sse),
          failure: (message) => sse(translator.failure(message)),
        };
      },
    );
  }
}
