import Anthropic, { BadRequestError } from '@anthropic-ai/sdk';
import type { ContentBlock, MessageCreateParamsNonStreaming, Tool, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';

import { type Emulator, startEmulator } from './emulator';

const MODEL = 'claude-sonnet-4-6';
const thinking = { budget_tokens: 2000, type: 'enabled' as const };
const lookup: Tool = { input_schema: { properties: { rut: { type: 'string' } }, required: ['rut'], type: 'object' }, name: 'lookup_rut' };

describe('emulator: Anthropic extended thinking through @anthropic-ai/sdk', () => {
  let emulator: Emulator;
  let client: Anthropic;
  const create = (extra: Partial<MessageCreateParamsNonStreaming>) =>
    client.messages.create({ max_tokens: 4000, messages: [{ content: 'Calcula el IVA de la factura', role: 'user' }], model: MODEL, thinking, ...extra });

  beforeAll(async () => {
    emulator = await startEmulator({ chunkDelayMs: 0 });
    client = new Anthropic({ apiKey: 'test-key', baseURL: emulator.url, maxRetries: 0 });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('answers a signed thinking block before the text, streamed with thinking and signature deltas', async () => {
    const message = await create({});
    const thoughts: string[] = [];
    const stream = client.messages.stream({ max_tokens: 4000, messages: [{ content: 'Calcula el IVA de la factura', role: 'user' }], model: MODEL, thinking });
    stream.on('thinking', (delta) => thoughts.push(delta));
    const streamed = await stream.finalMessage();

    for (const result of [message, streamed]) {
      expect(result.content.map((block) => block.type)).toEqual(['thinking', 'text']);
      expect(result.content[0]).toMatchObject({ signature: expect.stringMatching(/^Eu[A-Za-z0-9]{64}==$/), thinking: 'Razonamiento simulado: Calcula el IVA de la factura' });
    }
    expect(thoughts.length).toBeGreaterThan(1);
    expect(thoughts.join('')).toBe('Razonamiento simulado: Calcula el IVA de la factura');
    expect(message.usage.output_tokens).toBeGreaterThan(Math.ceil(11 * 1.3));
  });

  it.each([
    [{ thinking: { budget_tokens: 500, type: 'enabled' as const } }, 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024'],
    [{ max_tokens: 2000 }, '`max_tokens` must be greater than `thinking.budget_tokens`'],
    [{ temperature: 0.2 }, '`temperature` may only be set to 1 when thinking is enabled'],
    [{ tool_choice: { type: 'any' as const }, tools: [lookup] }, 'Thinking may not be enabled when tool_choice forces tool use.'],
  ])('refuses %j while thinking, like Anthropic', async (extra, message) => {
    const error = await create(extra as Partial<MessageCreateParamsNonStreaming>).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain(message);
  });

  it('requires the assistant tool turn to keep its thinking block when the tool result comes back', async () => {
    const first = await create({ messages: [{ content: 'Usa la herramienta', role: 'user' }], tools: [lookup] });
    const call = first.content.find((block) => block.type === 'tool_use') as ToolUseBlock;
    const answerWith = (assistant: ContentBlock[]) =>
      create({
        messages: [
          { content: 'Usa la herramienta', role: 'user' },
          { content: assistant, role: 'assistant' },
          { content: [{ content: 'RUT válido', tool_use_id: call.id, type: 'tool_result' }], role: 'user' },
        ],
        tools: [lookup],
      });

    const kept = await answerWith(first.content);
    const stripped = await answerWith(first.content.filter((block) => block.type !== 'thinking')).catch((e: unknown) => e);

    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    expect(kept.content[1]).toMatchObject({ text: 'Resultado de la herramienta: RUT válido', type: 'text' });
    expect((stripped as BadRequestError).message).toContain('messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`.');
  });
});
