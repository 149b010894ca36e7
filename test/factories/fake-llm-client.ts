/** A scripted LlmClient for service specs: records requests and answers from a queue. */
import { LlmClient, type LlmRequest, type LlmResult, type LlmStreamEvent, type ProviderId } from 'src/gateway';

export type FakeAnswer = { text: string; provider?: ProviderId } | Error;

/** Answers `complete` from the queue (an Error is thrown); `hasVendors` is fixed at construction. */
export class FakeLlmClient extends LlmClient {
  readonly requests: LlmRequest[] = [];

  constructor(
    private readonly vendors: boolean,
    private readonly answers: FakeAnswer[] = [],
  ) {
    super();
  }

  hasVendors(): boolean {
    return this.vendors;
  }

  async complete(request: LlmRequest): Promise<LlmResult> {
    this.requests.push(request);
    const answer = this.answers.shift() ?? { text: request.offline?.(request) ?? '', provider: 'offline' as const };
    if (answer instanceof Error) throw answer;
    const provider = answer.provider ?? 'anthropic';
    return {
      text: answer.text,
      provider,
      model: provider === 'offline' ? 'offline' : 'claude-sonnet-4',
      finishReason: 'stop',
      usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
      latencyMs: 1,
      costUsd: '0',
      attempts: 1,
      usedFallback: false,
      cached: false,
      requestId: 'r',
    };
  }

  // eslint-disable-next-line require-yield
  async *stream(): AsyncIterable<LlmStreamEvent> {
    throw new Error('not used by the DTE services');
  }
}
