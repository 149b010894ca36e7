import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Caller, CurrentCaller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';
import { AppConfig } from 'src/config';
import { ModelCatalog } from '../catalog/model-catalog';
import { GatewayService } from '../gateway.service';
import { ProviderRegistry } from '../providers/provider.registry';
import type { EmbeddingBody } from '../providers/provider';
import { isAnthropicClient } from 'src/common/errors/wire-error-shapes';
import { anthropicModel, anthropicModelPage } from './anthropic/anthropic-models';
import { doorCaller, proxyRunOptions, takeGatewayControls } from './gateway-controls';
import { validateChatBody } from './openai/chat-request';
import { completionAnswer, gatewayHeaders, gatewayInfo } from './openai/chat-response';
import { ChatStreamRelay } from './openai/chat-stream-relay';

const JSON_TYPE = 'application/json; charset=utf-8';

const EXAMPLE = {
  model: 'gpt-6-luna',
  messages: [
    { role: 'system', content: 'Eres un asistente contable chileno.' },
    { role: 'user', content: '¿Qué es una nota de crédito electrónica (DTE 61)?' },
  ],
  max_tokens: 300,
  temperature: 0.2,
};
const CONTROL_HEADERS = [
  { name: 'x-gateway-fallbacks', description: 'Models to try after the requested one (comma-separated); body field `fallbacks`' },
  { name: 'x-gateway-retries', description: 'Retries per target, 0-10; body field `num_retries`' },
  { name: 'x-gateway-timeout-ms', description: 'Deadline for the whole request; body field `timeout` (seconds)' },
  { name: 'x-gateway-tags', description: 'Labels stored with the usage row, usable as groupBy=tag in the cost report; body field `tags`' },
  { name: 'x-gateway-drop-params', description: 'true: drop fields a target cannot honour instead of a 400; body field `drop_params`' },
  { name: 'x-gateway-cache', description: '`no-cache` skips the response cache (also `Cache-Control: no-cache`, body `cache: {"no-cache": true}`)' },
  { name: 'x-gateway-cache-ttl', description: 'Seconds a cached answer lives (capped by RESPONSE_CACHE_TTL_SECONDS); body `cache: {"ttl": N}`' },
];

function ApiGatewayHeaders(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const h of CONTROL_HEADERS) ApiHeader(Object.assign({}, h, { required: false }))(target, key, descriptor);
  };
}

/** OpenAI-compatible door: any OpenAI SDK client uses the gateway by changing its base URL to /v1. */
@ApiTags('openai-compatible')
@RateLimit('llmProxy')
@Controller('v1')
export class OpenAiDoorController {
  constructor(
    private readonly gateway: GatewayService,
    private readonly catalog: ModelCatalog,
    private readonly providers: ProviderRegistry,
    private readonly config: AppConfig,
  ) {}

  @Get('models')
  @ApiOperation({ summary: "Catalog models a configured vendor can serve (OpenAI's list shape; Anthropic's, paged, for a client that sends anthropic-version)" })
  models(@Req() req: FastifyRequest, @Query() query: Record<string, unknown>) {
    const configured = new Set<string>(this.providers.vendorIds());
    const ids = [...this.catalog.models.values()].filter((m) => configured.has(m.provider) && !this.catalog.isRetired(m.id)).map((m) => m.id);
    if (isAnthropicClient(req.headers)) return anthropicModelPage(ids, query);
    return { object: 'list', data: ids.map((id) => this.modelView(id)) };
  }

  @Get('models/:id')
  @ApiOperation({ summary: "One catalog model (OpenAI model shape; Anthropic's for a client that sends anthropic-version)" })
  model(@Param('id') id: string, @Req() req: FastifyRequest) {
    const model = this.catalog.resolve(id);
    if (!model || !this.providers.vendorIds().includes(model.provider)) throw new NotFoundException(`The model "${id}" does not exist or no configured vendor serves it`);
    return isAnthropicClient(req.headers) ? anthropicModel(model.id) : this.modelView(model.id);
  }

  private modelView(id: string) {
    const m = this.catalog.get(id)!;
    const view = { id: m.id, object: 'model', created: 0, owned_by: m.provider, context_window: m.contextWindow };
    if (!m.retiresOn) return view;
    return Object.assign(view, { retires_on: m.retiresOn }, m.successor ? { successor: m.successor } : {});
  }

  @Post('chat/completions')
  @ApiOperation({ summary: 'Chat completion through limits, breakers, retries and fallback; every OpenAI field passes through or is translated (streaming with stream: true)' })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  @ApiGatewayHeaders()
  async chat(@Body() raw: unknown, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = validateChatBody(raw);
    const options = proxyRunOptions('proxy.chat', takeGatewayControls(body, req.headers), this.config, doorCaller(caller, req, reply));
    if (body.stream !== true) {
      const { completion, result, raw } = await this.gateway.chat(body, options);
      void reply
        .status(200)
        .headers(gatewayHeaders(result))
        .type(JSON_TYPE)
        .send(completionAnswer(completion, result, raw));
      return;
    }
    const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    // The gateway ends the vendor call, records the usage row and settles the caller's reservation on every way out.
    await new ChatStreamRelay(reply, String(req.id), includeUsage).relay((sink) => this.gateway.relayStream(body, options, sink));
  }

  @Post('embeddings')
  @ApiOperation({ summary: 'Embeddings (OpenAI, Gemini and OpenAI-compatible servers), with usage and cost recorded like chat' })
  @ApiBody({ schema: { type: 'object', example: { model: 'text-embedding-3-small', input: ['Factura electrónica 33'] } } })
  async embeddings(@Body() raw: unknown, @CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = raw as EmbeddingBody;
    if (!body || typeof body !== 'object' || typeof body.model !== 'string' || !body.model.trim()) throw new BadRequestException('model is required');
    const validInput = typeof body.input === 'string' || (Array.isArray(body.input) && body.input.length > 0 && body.input.length <= 2048);
    if (!validInput) throw new BadRequestException('input must be a string or a non-empty array of at most 2048 items');
    const options = proxyRunOptions('proxy.embeddings', takeGatewayControls(body, req.headers), this.config, doorCaller(caller, req, reply));
    const { response, result } = await this.gateway.embed(body, Object.assign({}, options, { offline: false, cache: { enabled: false } }));
    void reply
      .status(200)
      .headers(gatewayHeaders(result))
      .send(Object.assign({}, response, { x_gateway: gatewayInfo(result) }));
  }
}
