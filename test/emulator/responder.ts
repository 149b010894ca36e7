import type { ServerResponse } from 'node:http';

import type { EmulatorRule, EmulatorUsage, RequestLogEntry } from './emulator.types';
import { IMAGE_TOKENS, planCandidates } from './features/answer-plan';
import type { EmbeddingsApi } from './features/embeddings';
import { isGone, sendJson, sleep } from './http-io';
import { explicitCacheUsage, implicitCachedTokens, PromptCache } from './prompt-cache';
import { reasoningTokensFor, tokensForChars } from './reply-builder';
import { RuleBook } from './rule-book';
import { emptyUsage, StatsRecorder } from './stats-recorder';
import { type Answer, BadRequestError, type ParsedRequest, type RouteHints, type WireFormat } from './wire/wire-format';

const COUNT_TOKENS_FIELDS = new Set(['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'cache_control', 'output_config', 'speed', 'mcp_servers', 'context_management']);

/** Settings the responder reads on every request. */
export interface ResponderSettings {
  latencyMs: number;
  chunkDelayMs: number;
  cacheMinTokens: number;
}

const ID_PREFIX = { anthropic: 'msg_emu', gemini: 'emu-', openai: 'chatcmpl-emu' } as const;
const TOOL_ID_PREFIX = { anthropic: 'toolu_', gemini: 'fc_', openai: 'call_' } as const;
const SSE_HEADERS = { 'cache-control': 'no-cache', connection: 'keep-alive', 'content-type': 'text/event-stream' };

/** Answers one generate call: applies the scripted rule, builds the reply and usage, streams or sends it, and records stats. */
export class Responder {
  readonly cache = new PromptCache();
  private sequence = 0;

  constructor(
    private readonly settings: ResponderSettings,
    private readonly rules: RuleBook,
    private readonly stats: StatsRecorder,
  ) {}

  /** Handles a parsed JSON body for the given wire format and route. */
  async respond(wire: WireFormat, route: RouteHints, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const admitted = await this.admit(wire, route.model, body, res, () => {
      const request = wire.parse(body, route);
      return { model: request.facts.model, parsed: request, stream: request.stream };
    });
    if (!admitted) return;
    const { entry, parsed: request, rule } = admitted;
    const promptTokens = promptTokensOf(request);
    if (rule?.contextWindow !== undefined && promptTokens > rule.contextWindow) {
      entry.outcome = 'error';
      entry.status = 400;
      return sendJson(res, 400, wire.contextErrorBody(promptTokens, rule.contextWindow));
    }
    if (rule?.malformedJson) return this.sendMalformed(wire, entry, request.stream, res);
    const answer = this.buildAnswer(wire, request, rule);
    if (!request.stream) {
      sendJson(res, 200, wire.body(answer), { 'request-id': answer.id, 'x-request-id': answer.id });
      this.stats.noteAnswered(entry, answer.usage);
      return;
    }
    await this.stream(wire, answer, entry, res, rule);
  }

  /** An embeddings call: same rules, latency and stats as a generate call; usage is the input tokens. */
  async embed(wire: WireFormat, api: EmbeddingsApi, pathModel: string | undefined, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const admitted = await this.admit(wire, pathModel, body, res, () => {
      const request = api.parse(body, pathModel);
      return { model: request.model, parsed: request, stream: false };
    });
    if (!admitted) return;
    const { entry, parsed: request, rule } = admitted;
    if (rule?.malformedJson) return this.sendMalformed(wire, entry, false, res);
    const usage = { ...emptyUsage(), inputTokens: request.inputTokens, ...rule?.usage };
    sendJson(res, 200, api.body(request));
    this.stats.noteAnswered(entry, usage);
  }

  /** Usage-free token count for Anthropic `count_tokens`. */
  countTokens(wire: WireFormat, body: Record<string, unknown>, res: ServerResponse): void {
    // Anthropic refuses what count_tokens does not take (max_tokens, stream, temperature...), as a Messages body has.
    const extra = Object.keys(body).find((field) => !COUNT_TOKENS_FIELDS.has(field));
    if (extra) return sendJson(res, 400, wire.errorBody(400, `${extra}: Extra inputs are not permitted`, extra));
    try {
      const request = wire.parse({ max_tokens: 1, ...body }, {});
      sendJson(res, 200, { input_tokens: tokensForChars(request.facts.promptChars) + request.features.imageCount * IMAGE_TOKENS });
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      sendJson(res, 400, wire.errorBody(400, error.message, error.param));
    }
  }

  /**
   * Parses the body (a 400 in the vendor's shape when invalid), logs the request and applies the scripted rule: hang,
   * latency, error status. Returns undefined once the request has been answered or abandoned.
   */
  private async admit<T>(
    wire: WireFormat,
    pathModel: string | undefined,
    body: Record<string, unknown>,
    res: ServerResponse,
    parse: () => { model: string; stream: boolean; parsed: T },
  ): Promise<{ entry: RequestLogEntry; parsed: T; rule: EmulatorRule | undefined } | undefined> {
    const at = performance.timeOrigin + performance.now();
    let request: { model: string; stream: boolean; parsed: T };
    try {
      request = parse();
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      const model = pathModel ?? (typeof body.model === 'string' ? body.model : 'unknown');
      const entry = this.stats.noteReceived(wire.vendor, model, body.stream === true, at);
      this.fail(wire, entry, res, 400, error.message, undefined, error.param);
      return undefined;
    }
    const entry = this.stats.noteReceived(wire.vendor, request.model, request.stream, at);
    const rule = this.rules.take(wire.vendor, request.model);
    res.once('close', () => {
      if (entry.outcome === 'pending' || entry.outcome === 'hang') entry.outcome = 'aborted';
    });
    if (rule?.hang) {
      entry.outcome = 'hang';
      return undefined;
    }
    await sleep(rule?.latencyMs ?? this.settings.latencyMs);
    if (isGone(res)) return undefined;
    if (rule?.status) {
      this.fail(wire, entry, res, rule.status, rule.errorMessage ?? defaultMessage(rule.status), retryHeaders(rule));
      return undefined;
    }
    return { entry, parsed: request.parsed, rule };
  }

  private buildAnswer(wire: WireFormat, request: ParsedRequest, rule: EmulatorRule | undefined): Answer {
    const { facts } = request;
    const id = `${ID_PREFIX[wire.vendor]}${++this.sequence}`;
    const candidates = planCandidates(request, rule, TOOL_ID_PREFIX[wire.vendor], id);
    const outputTokens = candidates.reduce((sum, candidate) => sum + candidate.outputTokens, 0);
    const usage: EmulatorUsage = {
      cacheCreationTokens: 0,
      cachedTokens: 0,
      inputTokens: promptTokensOf(request),
      outputTokens,
      reasoningTokens: reasoningTokensFor(facts, outputTokens),
    };
    if (request.breakpoints) {
      const { creation, read } = explicitCacheUsage(this.cache, request.breakpoints);
      usage.cachedTokens = read;
      usage.cacheCreationTokens = creation;
    } else if (request.implicitPrefix) {
      usage.cachedTokens = implicitCachedTokens(this.cache, request.implicitPrefix, this.settings.cacheMinTokens);
    }
    if (rule?.usage) Object.assign(usage, rule.usage);
    return { candidates, created: Math.floor(Date.now() / 1000), id, model: facts.model, request, usage };
  }

  private async stream(wire: WireFormat, answer: Answer, entry: RequestLogEntry, res: ServerResponse, rule: EmulatorRule | undefined): Promise<void> {
    const frames = wire.frames(answer);
    const gap = rule?.chunkDelayMs ?? this.settings.chunkDelayMs;
    const stopAfter = rule?.cutStreamAfterChunks ?? rule?.stallStreamAfterChunks;
    res.writeHead(200, { ...SSE_HEADERS, 'request-id': answer.id, 'x-request-id': answer.id });
    if (gap <= 0 && stopAfter === undefined) {
      res.end(frames.head.join('') + frames.deltas.join('') + frames.tail.join(''));
      this.stats.noteAnswered(entry, answer.usage);
      return;
    }
    res.write(frames.head.join(''));
    for (let i = 0; i < frames.deltas.length; i++) {
      if (i === stopAfter) break;
      if (i > 0) await sleep(gap);
      if (isGone(res)) return;
      res.write(frames.deltas[i]);
    }
    if (rule?.stallStreamAfterChunks !== undefined) {
      entry.outcome = 'hang'; // nothing more is sent; 'aborted' once the client gives up
      return;
    }
    if (stopAfter !== undefined) {
      entry.outcome = 'cut';
      await sleep(gap);
      // Ending the socket mid-body (after the written chunks flush) leaves the chunked response without its terminator.
      res.socket?.end();
      return;
    }
    await sleep(gap);
    if (isGone(res)) return;
    res.end(frames.tail.join(''));
    this.stats.noteAnswered(entry, answer.usage);
  }

  private sendMalformed(wire: WireFormat, entry: RequestLogEntry, stream: boolean, res: ServerResponse): void {
    entry.outcome = 'malformed';
    entry.status = 200;
    if (!stream) return sendJson(res, 200, wire.malformedBody);
    res.writeHead(200, SSE_HEADERS);
    res.end(wire.malformedFrame);
  }

  private fail(wire: WireFormat, entry: RequestLogEntry, res: ServerResponse, status: number, message: string, headers?: Record<string, string>, param?: string): void {
    entry.outcome = 'error';
    entry.status = status;
    sendJson(res, status, wire.errorBody(status, message, param), headers);
  }
}

function retryHeaders(rule: EmulatorRule): Record<string, string> {
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
  if (rule.retryAfterMs !== undefined) headers['retry-after-ms'] = String(rule.retryAfterMs);
  return headers;
}

function defaultMessage(status: number): string {
  if (status === 429) return 'Rate limit reached (emulated)';
  if (status === 401) return 'Invalid API key (emulated)';
  if (status === 400) return 'Invalid request (emulated)';
  return `Emulated upstream failure ${status}`;
}

/** What the vendor counts a request's prompt as: its text, and a fixed count per image. */
function promptTokensOf(request: ParsedRequest): number {
  return tokensForChars(request.facts.promptChars) + request.features.imageCount * IMAGE_TOKENS;
}
