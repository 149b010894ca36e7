import { BadRequestException, Body, Controller, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Caller, CurrentCaller } from 'src/common/auth';
import { openEventStream } from 'src/common/http/event-stream';
import { RateLimit } from 'src/common/throttling';
import { AppConfig } from 'src/config';
import { ModelCatalog } from '../catalog/model-catalog';
import { GatewayService } from '../gateway.service';
import { AnthropicProvider } from '../providers/anthropic/anthropic.provider';
import { isProviderError, type ChatBody } from '../providers/provider';
import { ProviderRegistry } from '../providers/provider.registry';
import { resolveTargets, UnknownModelError, type RouteTarget } from '../routing/router';
import { approximateTokens } from '../usage/token-estimate';
import { isUnsupportedParameterError } from '../providers/unsupported-parameter.error';
import { anthropicToCanonical, canonicalToAnthropicMessage, doorAskedForThinking } from './anthropic/anthropic-door.mapper';
import { CanonicalToAnthropicStream } from './anthropic/anthropic-door-stream.mapper';
import { isDoorRequestError } from './anthropic/door-request.error';
import { doorCaller, proxyRunOptions, takeGatewayControls, theRestOf } from './gateway-controls';
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
  private readonly logger = new Logger(AnthropicDoorController.name);

  constructor(
    private readonly gateway: GatewayService,
    private readonly config: AppConfig,
    private readonly catalog: ModelCatalog,
    private readonly providers: ProviderRegistry,
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
    let body: ChatBody;
    try {
      // count_tokens has no max_tokens; the Messages mapper wants one.
      body = anthropicToCanonical(Object.assign({ max_tokens: 1 }, raw) as MessageCreateParamsBase, { dropUnsupported: true }) as ChatBody;
    } catch (error) {
      if (isDoorRequestError(error) || isUnsupportedParameterError(error)) throw new BadRequestException(error.message);
      throw error;
    }
    let target: RouteTarget | undefined;
    try {
      [target] = resolveTargets(body.model, this.catalog, new Set(this.providers.vendorIds()), { offline: false, fallbacks: [] });
    } catch (error) {
      if (error instanceof UnknownModelError) throw new BadRequestException(error.message);
      throw error;
    }
    const provider = target ? this.providers.forTarget(target) : undefined;
    if (target && provider instanceof AnthropicProvider) {
      const call = { vendorModel: target.vendorModel, signal: new AbortController().signal, timeoutMs: 10_000, promptCaching: false, dropUnsupported: true };
      try {
        const counted = await provider.countTokens(body, call);
        void reply.status(200).header('x-gateway-token-count', 'vendor').send({ input_tokens: counted });
        return;
      } catch (error) {
        // The caller's own mistake is Anthropic's 400 to give; an unreachable vendor still gets an estimate.
        if (isProviderError(error) && error.kind === 'bad_request') throw new BadRequestException(error.message);
        this.logger.warn(`count_tokens fell back to the estimate: ${(error as Error).message}`);
      }
    }
    void reply
      .status(200)
      .header('x-gateway-token-count', 'estimate')
      .send({ input_tokens: approximateTokens(body) });
  }

  @Post('messages')
  @HttpCode(200)
  @ApiOperation({ summary: 'Anthropic Messages API (tools, images, streaming with Anthropic event types); auth with x-api-key or Bearer' })
  @ApiHeader({ name: 'x-api-key', required: false, description: 'The gateway key (as Anthropic SDKs send it); Authorization: Bearer works too' })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  async messages(@Body() raw: unknown, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequestException('Body must be a JSON object');
    const controls = takeGatewayControls(raw as Record<string, unknown>, req.headers);
    let body: ChatBody;
    try {
      body = anthropicToCanonical(raw as MessageCreateParamsBase, { dropUnsupported: controls.dropUnsupported ?? this.config.llm.dropUnsupportedParams }) as ChatBody;
    } catch (error) {
      if (isDoorRequestError(error) || isUnsupportedParameterError(error)) throw new BadRequestException(error.message);
      throw error;
    }
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
    const events = this.gateway.chatStream(Object.assign({}, body, { stream_options: { include_usage: true } }), options)[Symbol.asyncIterator]();
    const first = await events.next();
    if (first.done || first.value.type !== 'start') throw new Error('stream ended before it started');
    const stream = openEventStream(reply, { 'x-request-id': String(req.id), ...gatewayHeaders(first.value) });
    const translator = new CanonicalToAnthropicStream({ id: `msg_${first.value.requestId.replace(/-/g, '')}`, model: requestedModel, thinking: doorAskedForThinking(raw as MessageCreateParamsBase) });
    try {
      for await (const event of theRestOf(events)) {
        const out = event.type === 'chunks' ? event.items.flatMap(({ chunk }) => translator.push(chunk)) : event.type === 'done' ? translator.finish() : [];
        for (const e of out) if (!stream.write(sseEvent(e.event, e.data))) return;
      }
    } catch (error) {
      stream.write(sseEvent('error', { type: 'error', error: { type: 'api_error', message: (error as Error).message } }));
    } finally {
      stream.end();
    }
  }
}
