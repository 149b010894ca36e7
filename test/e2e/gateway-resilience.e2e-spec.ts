import type { Emulator } from 'test/emulator/emulator';
import { ask, atWindowStart, chat, chatStream, eventually, GatewayApp, groqOnEmulator, sseEvents, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';

const arrivals = (emulator: Emulator, model: string) =>
  emulator
    .stats()
    .requests.filter((r) => r.model === model)
    .map((r) => r.at);
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

jest.setTimeout(30_000);

describe('Gateway resilience through /v1/chat/completions (vendor emulator)', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  const MINUTE_MS = 1500;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 2 }, (emu) => ({
      ...groqOnEmulator(emu, 3, MINUTE_MS),
      RATE_LIMIT_MAX_WAIT_MS: '5000',
      LLM_MAX_RETRIES: '3',
      LLM_RETRY_BASE_MS: '100',
      LLM_RETRY_MAX_MS: '2000',
      LLM_TIMEOUT_MS: '400',
    })));
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);
  beforeEach(async () => {
    emulator.reset();
    await app.deps.breakers.close('openai');
  });

  it('lets the first RPM-limit requests through at once and holds the rest for the next window, none failing or falling back', async () => {
    await atWindowStart(MINUTE_MS, 900);
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => chat(app, { model: 'llama-3.1-8b', messages: ask(`ráfaga ${i}`) })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(responses.map((r) => [r.body.x_gateway.provider, r.body.x_gateway.used_fallback])).toEqual(Array(6).fill(['groq', false]));
    const windows = arrivals(emulator, 'llama-3.1-8b-instant').map((at) => Math.floor(at / MINUTE_MS));
    expect(windows).toHaveLength(6);
    const first = Math.min(...windows);
    expect(windows.filter((w) => w === first)).toHaveLength(3);
    expect(windows.filter((w) => w === first + 1)).toHaveLength(3);
  });

  it('retries a transient 500 with growing delays and then succeeds on the same vendor', async () => {
    emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', status: 500, count: 3 });
    const res = await chat(app, { model: 'gpt-4o-mini', messages: ask('reintento') });
    expect(res.status).toBe(200);
    expect(res.body.x_gateway).toMatchObject({ provider: 'openai', attempts: 4, used_fallback: false });
    const between = gaps(arrivals(emulator, 'gpt-4o-mini'));
    expect(between).toHaveLength(3);
    // Nominal 100, 200, 400 ms with ±25 % jitter: each wait is longer than the one before.
    expect(between[0]).toBeGreaterThanOrEqual(75);
    expect(between[1]).toBeGreaterThan(between[0]);
    expect(between[2]).toBeGreaterThan(between[1]);
    expect(between[2]).toBeGreaterThanOrEqual(300);
  });

  it('honours Retry-After on a 429 before retrying', async () => {
    emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', status: 429, retryAfter: 1, count: 1 });
    const res = await chat(app, { model: 'gpt-4o-mini', messages: ask('espera') });
    expect(res.status).toBe(200);
    expect(res.body.x_gateway).toMatchObject({ provider: 'openai', attempts: 2, used_fallback: false });
    const [wait] = gaps(arrivals(emulator, 'gpt-4o-mini'));
    expect(wait).toBeGreaterThanOrEqual(1000);
  });

  it('passes a 400 back in OpenAI error shape without retrying or falling back', async () => {
    emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', status: 400, errorMessage: 'max_tokens is too large', count: 1 });
    const res = await chat(app, { model: 'gpt-4o-mini', messages: ask('malo') });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ message: expect.stringContaining('max_tokens is too large'), type: 'invalid_request_error', param: null, code: null });
    const stats = emulator.stats();
    expect(stats.byVendor.openai.received).toBe(1);
    expect(stats.byVendor.anthropic.received).toBe(0);
  });

  it('ends a hanging vendor call at LLM_TIMEOUT_MS and falls back', async () => {
    emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', hang: true });
    const started = Date.now();
    const res = await chat(app, { model: 'gpt-4o-mini', messages: ask('colgado') });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true });
    // 4 attempts of 400 ms plus about 700 ms of backoff; far below the 60 s request deadline.
    expect(elapsed).toBeGreaterThanOrEqual(1600);
    expect(elapsed).toBeLessThan(4500);
    expect(
      emulator
        .stats()
        .requests.filter((r) => r.vendor === 'openai')
        .map((r) => r.outcome),
    ).toEqual(['aborted', 'aborted', 'aborted', 'aborted']);
  });

  it('falls back when a vendor streams something other than JSON from its first chunk', async () => {
    emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', malformedJson: true });
    const streamed = await chatStream(app, { model: 'gpt-4o-mini', messages: ask('flujo roto') });
    expect(streamed.status).toBe(200);
    const events = sseEvents(streamed.text);
    expect(events.at(-1)!.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true });
    expect(events.map((e) => (e.choices as { delta?: { content?: string } }[] | undefined)?.[0]?.delta?.content ?? '').join('')).toContain('Respuesta simulada');
    expect(
      emulator
        .stats()
        .requests.filter((r) => r.vendor === 'openai')
        .every((r) => r.outcome === 'malformed'),
    ).toBe(true);
  });

  describe('a prompt longer than the context window of the model asked for', () => {
    const longPrompt = () => ask(`Resume este contrato: ${'cláusula de servicio '.repeat(150)}`);
    const modelsCalled = () => emulator.stats().requests.map((r) => [r.model, r.status]);
    // The emulator sees the vendor's model id.
    const HAIKU = expect.stringMatching(/^claude-haiku-4-5-/);

    it('goes on to the next model of the chain with a larger window, JSON and streamed, without retrying the refusal', async () => {
      emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', contextWindow: 200 });
      const res = await chat(app, { model: 'gpt-4o-mini', messages: longPrompt() });
      expect(res.status).toBe(200);
      expect(res.body.x_gateway).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', used_fallback: true });
      const streamed = await chatStream(app, { model: 'gpt-4o-mini', messages: longPrompt() });
      expect(sseEvents(streamed.text).at(-1)!.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true });
      expect(modelsCalled()).toEqual([
        ['gpt-4o-mini', 400],
        [HAIKU, 200],
        ['gpt-4o-mini', 400],
        [HAIKU, 200],
      ]);
      const metrics = (await app.http.get('/metrics')).text;
      expect(Number(/^llm_fallbacks_total\{from="openai",to="anthropic",reason="context_window"\} (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    });

    it('skips models whose window is no larger than the one refused, and passes the last refusal on when none is larger', async () => {
      emulator.script({ vendor: 'openai', contextWindow: 200 });
      // gpt-4o has gpt-4o-mini's 128K window: never called.
      const served = await chat(app, { model: 'gpt-4o-mini', fallbacks: ['gpt-4o', 'claude-haiku-4-5'], messages: longPrompt() });
      expect(served.body.x_gateway).toMatchObject({ model: 'claude-haiku-4-5', used_fallback: true });
      const refused = await chat(app, { model: 'gpt-4o-mini', fallbacks: ['gpt-4o'], messages: longPrompt() });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        type: 'invalid_request_error',
        message: expect.stringMatching(/^The openai API rejected the request: This model's maximum context length is 200 tokens/),
      });
      expect(modelsCalled()).toEqual([
        ['gpt-4o-mini', 400],
        [HAIKU, 200],
        ['gpt-4o-mini', 400],
      ]);
    });

    it('tries a still larger window when the next model refuses the prompt too', async () => {
      emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', contextWindow: 200 });
      emulator.script({ vendor: 'anthropic', model: 'claude-haiku-4-5*', contextWindow: 300 });
      const res = await chat(app, { model: 'gpt-4o-mini', messages: longPrompt() });
      expect(res.body.x_gateway).toMatchObject({ provider: 'gemini', model: 'gemini-3.5-flash-lite', used_fallback: true });
      expect(modelsCalled().map(([, status]) => status)).toEqual([400, 400, 200]);
    });
  });

  it('refuses a request whose worst-case cost is over the ceiling with a 422 that says why', async () => {
    const res = await chat(app, { model: 'claude-opus-4', max_tokens: 100_000, messages: ask('caro') });
    expect(res.status).toBe(422);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.body.error.message).toMatch(/exceeds the per-request ceiling of US\$1 .*MAX_ESTIMATED_COST_PER_REQUEST/);
    expect(emulator.stats().received).toBe(0);
  });

  it('counts a PDF by its pages against the ceiling, so a long one to an expensive model is refused before it is sent', async () => {
    const pages = (count: number) => '%PDF-1.4\n' + Array.from({ length: count }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`).join('') + '%%EOF';
    const withPdf = (count: number) => [
      {
        role: 'user',
        content: [
          { type: 'text', text: `Resume el contrato ${count}` },
          { type: 'file', file: { filename: 'contrato.pdf', file_data: `data:application/pdf;base64,${Buffer.from(pages(count), 'latin1').toString('base64')}` } },
        ],
      },
    ];
    // 120 pages at 2,500 tokens: US$1.2 of input at claude-opus-5-5's US$4 per million; 85 tokens each before.
    const long = await chat(app, { model: 'claude-opus-5-5', max_tokens: 500, messages: withPdf(120) });
    expect(long.status).toBe(422);
    expect(long.body.error.message).toMatch(/^Estimated cost US\$1\.2\d+ \(300\d\d\d input tokens/);
    expect(emulator.stats().received).toBe(0);
    const short = await chat(app, { model: 'claude-opus-5-5', max_tokens: 500, messages: withPdf(2) });
    expect(short.status).toBe(200);
  });
});

describe('Gateway circuit breaker and fallback (vendor emulator)', () => {
  let emulator: Emulator;
  let app: GatewayApp;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 2 }, () => ({ LLM_MAX_RETRIES: '0', BREAKER_FAILURE_THRESHOLD: '5', BREAKER_OPEN_MS: '5000' })));
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);

  it('opens after 5 consecutive errors; then gpt-4o-mini is served by claude-haiku-4-5 without calling OpenAI, until a trial succeeds', async () => {
    emulator.script({ vendor: 'openai', model: 'gpt-4o-mini', status: 500 });
    for (let i = 0; i < 5; i++) {
      const res = await chat(app, { model: 'gpt-4o-mini', messages: ask(`falla ${i}`) });
      expect(res.status).toBe(200);
      expect(res.body.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true });
    }
    expect(emulator.stats().byVendor.openai.received).toBe(5);
    const health = await app.http.get('/health');
    expect(health.body.dependencies.llm_providers.breakers.openai).toBe('open');

    const served = await chat(app, { model: 'gpt-4o-mini', messages: ask('con breaker abierto') });
    expect(served.status).toBe(200);
    expect(served.body.model).toBe('claude-haiku-4-5');
    expect(served.body.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true });
    expect(served.body.choices[0].message.content).toMatch(/^Respuesta simulada de claude-haiku-4-5/);
    const streamed = await chatStream(app, { model: 'gpt-4o-mini', messages: ask('stream con breaker abierto') });
    expect(sseEvents(streamed.text).at(-1)!.x_gateway).toMatchObject({ provider: 'anthropic', used_fallback: true });
    expect(emulator.stats().byVendor.openai.received).toBe(5);

    // After BREAKER_OPEN_MS one trial goes through; OpenAI is healthy again, so the breaker closes.
    emulator.reset();
    // The open period is long enough that a loaded machine cannot reach half-open during the checks above.
    await eventually(async () => (await app.http.get('/health')).body.dependencies.llm_providers.breakers.openai === 'half-open', 8000);
    const trial = await chat(app, { model: 'gpt-4o-mini', messages: ask('prueba') });
    expect(trial.body.x_gateway).toMatchObject({ provider: 'openai', used_fallback: false });
    // The success is recorded (and broadcast to replicas) right after the answer, so the state follows shortly.
    await eventually(async () => (await app.http.get('/health')).body.dependencies.llm_providers.breakers.openai === 'closed', 3000);
  });
});

describe('Gateway rate limits when a burst starts late in a window', () => {
  let emulator: Emulator;
  let app: GatewayApp;
  const MINUTE_MS = 3000;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 2 }, (emu) => ({ ...groqOnEmulator(emu, 3, MINUTE_MS), RATE_LIMIT_MAX_WAIT_MS: '1800' })));
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);

  it('waits for the clock-aligned window to end instead of a full window length from its first request', async () => {
    // Start with about 1 s left in the window: room returns in ~1 s (within the 1.8 s wait), not 3 s.
    const position = Date.now() % MINUTE_MS;
    await new Promise((r) => setTimeout(r, (2000 - position + MINUTE_MS) % MINUTE_MS));
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => chat(app, { model: 'llama-3.1-8b', messages: ask(`tarde ${i}`) })));
    expect(responses.map((r) => r.body.x_gateway.provider)).toEqual(Array(6).fill('groq'));
    expect(responses.map((r) => r.body.x_gateway.used_fallback)).toEqual(Array(6).fill(false));
  });
});

describe('Gateway with a vendor stream that stalls after its first chunks (vendor emulator)', () => {
  let emulator: Emulator;
  let app: GatewayApp;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 2 }, () => ({ LLM_MAX_RETRIES: '0', LLM_REQUEST_DEADLINE_MS: '1500' })));
  }, 30_000);
  afterAll(() => stopEmulatedGateway(app, emulator), 30_000);

  it('ends the stream at the request deadline with an error event after the chunks it had, and closes the vendor call', async () => {
    emulator.script({ vendor: 'openai', stallStreamAfterChunks: 2, count: 1 });
    const res = await chatStream(app, { model: 'gpt-4o-mini', messages: ask('uno dos tres cuatro cinco seis siete ocho') });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('[DONE]');
    const events = sseEvents(res.text);
    expect(events.map((e) => e.choices?.[0]?.delta?.content ?? '').join('')).toMatch(/^Respuesta simulada de gpt-4o-mini: /);
    expect(events.at(-1)).toEqual({ error: expect.objectContaining({ type: 'stream_interrupted' }) });
    await eventually(() => emulator.stats().requests[0]?.outcome === 'aborted');
  });
});
