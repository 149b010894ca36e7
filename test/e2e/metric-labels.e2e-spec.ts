import { randomUUID } from 'node:crypto';
import { ask, chat, chatStream, GatewayApp, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';
import type { Emulator } from 'test/emulator/emulator';

/** Every `model` label value of one metric in the Prometheus text. */
const modelLabels = (text: string, metric: string) => new Set([...text.matchAll(new RegExp(`^${metric}\\{[^}]*model="([^"]*)"`, 'gm'))].map((m) => m[1]));

describe('Prometheus labels stay bounded whatever model names callers invent (vendor emulator)', () => {
  let emulator: Emulator;
  let app: GatewayApp;

  beforeAll(async () => {
    ({ emulator, app } = await startEmulatedGateway({ chunkDelayMs: 0 }, () => ({ THROTTLE_LLM_PROXY_PER_MIN: '10000', ALLOW_UNPRICED_MODELS: 'true' })));
  });
  afterAll(() => stopEmulatedGateway(app, emulator));

  it('counts invented provider/model names under "other" and keeps catalog ids as they are', async () => {
    const invented = Array.from({ length: 20 }, (_, i) => `invented-${i}-${randomUUID().slice(0, 8)}`);
    const answers = await Promise.all([
      ...invented.map((name, i) => chat(app, { model: `openai/${i % 2 ? `${name}"},x="y` : name}`, messages: ask('hola') })),
      chat(app, { model: 'gpt-4o-mini', messages: ask('hola') }),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    // Control characters never get that far: the model name is refused before any header or label is written.
    const withNewline = await chat(app, { model: `openai/${invented[0]}\r\nx`, messages: ask('hola') });
    expect(withNewline.status).toBe(400);

    const metrics = (await app.http.get('/metrics')).text;
    const models = modelLabels(metrics, 'llm_requests_total');
    expect(models).toContain('other');
    expect(models).toContain('gpt-4o-mini');
    // The histograms keep the same bounded labels, and count every answer.
    expect(modelLabels(metrics, 'llm_request_duration_seconds_bucket')).toEqual(new Set(['other', 'gpt-4o-mini']));
    expect(metrics).toMatch(/^llm_request_duration_seconds_count\{provider="openai",model="other",operation="proxy.chat"\} 20$/m);
    expect(metrics).toMatch(/^llm_request_duration_seconds_bucket\{le="\+Inf",provider="openai",model="gpt-4o-mini",operation="proxy.chat"\} 1$/m);
    expect(metrics).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/v1\/chat\/completions",status_code="200"\} 21$/m);
    expect(metrics).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/v1\/chat\/completions",status_code="400"\} 1$/m);
    expect(metrics).not.toMatch(/^llm_time_to_first_token_seconds_count/m); // nothing was streamed: no empty series
    for (const name of invented) expect(metrics).not.toContain(name);
    expect(metrics).not.toMatch(/\r/);

    expect((await chatStream(app, { model: 'gpt-4o-mini', messages: ask('hola') })).status).toBe(200);
    const afterStream = (await app.http.get('/metrics')).text;
    expect(afterStream).toMatch(/^llm_time_to_first_token_seconds_count\{provider="openai",model="gpt-4o-mini"\} 1$/m);
    expect(afterStream).toMatch(/^llm_request_duration_seconds_count\{provider="openai",model="gpt-4o-mini",operation="proxy.chat"\} 2$/m);
  });
});
