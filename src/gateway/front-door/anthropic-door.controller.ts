import { BadRequestException, Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Caller, CurrentCaller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';
import { AppConfig } from 'src/config';
import { GatewayService } from '../gateway.service';
import type { ChatBody } from '../providers/provider';
import { anthropicToCanonical, canonicalToAnthropicMessage, doorAskedForThinking } from './anthropic/anthropic-door.mapper';
import { CanonicalToAnthropicStream } from './anthropic/anthropic-door-stream.mapper';
import { doorCaller, proxyRunOptions, takeGatewayControls } from './gateway-controls';
import { relayTranslatedStream, translatedRequest } from './translated-stream';
import { gatewayHeaders } from './openai/chat-response';

const EXAMPLE = { model: 'claude-sonnet-5-5', max_tokens: 300, messages: [{ role: 'user', content: '¿Qué es una guía de despacho (DTE 52)?' }] };

function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Anthropic Messages door: Claude SDK-based tools and agents point their base URL at the gateway and are
 * routed through the same path as every other call, to any vendor (translated through the canonical body).
 */
@ApiTags('anthropic-compatible')
@RateLimit('llmProxy')
@Controller('v1')
export class AnthropicDoorController {
  constructor(
    private readonly gateway: GatewayService,
    private readonly config: AppConfig,
  ) {}

  @Post('messages/count_tokens')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Anthropic's count_tokens: Anthropic's own count when the model is served by Anthropic, else the gateway's estimate (header x-gateway-token-count: vendor or estimate); free, no usage row",
  })
  @ApiBody({ schema: { type: 'object', example: { model: 'claude-sonnet-5-5', messages: EXAMPLE.messages } } })
  async countTokens(@Body() raw: unknown, @Res() reply: FastifyReply): Promise<void> {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequestException('Body must be a JSON object');
    // count_tokens has no max_tokens; the Messages mapper wants one.
    const body = translatedRequest(() => anthropicToCanonical(Object.assign({ max_tokens: 1 }, raw) as MessageCreateParamsBase, { dropUnsupported: true }) as ChatBody);
    const counted = await this.gateway.countInputTokens(body);
    void reply.status(200).header('x-gateway-token-count', counted.source).send({ input_tokens: counted.inputTokens });
  }

  @Post('messages')
  @HttpCode(200)
  @ApiOperation({ summary: 'Anthropic Messages API (tools, images, streaming with Anthropic event types); auth with x-api-key or Bearer' })
  @ApiHeader({ name: 'x-api-key', required: false, description: 'The gateway key (as Anthropic SDKs send it); Authorization: Bearer works too' })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  async messages(@Body() raw: unknown, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequestException('Body must be a JSON object');
    const controls = takeGatewayControls(raw as Record<string, unknown>, req.headers);
    const body = translatedRequest(() => anthropicToCanonical(raw as MessageCreateParamsBase, { dropUnsupported: controls.dropUnsupported ?? this.config.llm.dropUnsupportedParams }) as ChatBody);
    const options = proxyRunOptions('proxy.messages', controls, this.config, doorCaller(caller, req, reply));
    const requestedModel = (raw as { model: string }).model;
    if (body.stream !== true) {
      const { completion, result } = await this.gateway.chat(body, options);
      void reply
        .status(200)
        .headers(gatewayHeaders(result))
        .send(canonicalToAnthropicMessage(completion, requestedModel, { thinking: doorAskedForThinking(raw as MessageCreateParamsBase) }));
      return;
    }
    const thinking = doorAskedForThinking(raw as MessageCreateParamsBase);
    await relayTranslatedStream(
      reply,
      req,
      (sink) => this.gateway.relayStream(body, options, sink),
      (start) => {
        const translator = new CanonicalToAnthropicStream({ id: `msg_${start.requestId.replace(/-/g, '')}`, model: requestedModel, thinking });
        return {
          push: (chunk) => translator.push(chunk).map((e) => sseEvent(e.event, e.data)),
          finish: () => translator.finish().map((e) => sseEvent(e.event, e.data)),
          failure: (message) => sseEvent('error', { type: 'error', error: { type: 'api_error', message } }),
        };
      },
    );
  }
}
