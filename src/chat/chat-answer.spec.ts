import type { LlmResult } from 'src/gateway';
import { answerConfidence, sseFrame, toChatResponse, toDoneMetadata, type AnsweredTurn } from './chat-answer';
import { DtePlugin } from './plugins/dte.plugin';
import { llmResult } from 'test/factories/llm-result';

const turn = (r: LlmResult): AnsweredTurn => ({
  sessionId: 'chat_2_9f1c2b7a',
  plugin: new DtePlugin(),
  selectionScore: 3,
  passages: [
    { id: 'a', title: 'Anular una factura', module: 'dte', content: '…' },
    { id: 'b', title: 'CAF y folios', module: 'dte', content: '…' },
  ],
  result: r,
});

describe(answerConfidence.name, () => {
  it('rises with passages and a clear plugin match and stays lower without an LLM', () => {
    expect(answerConfidence(3, 4, false)).toBeGreaterThan(answerConfidence(1, 1, false));
    expect(answerConfidence(3, 4, true)).toBeLessThan(answerConfidence(3, 4, false));
    expect(answerConfidence(0, 0, true)).toBe(10);
    expect(answerConfidence(9, 99, false)).toBeLessThanOrEqual(95);
  });
});

describe(toChatResponse.name, () => {
  it('maps an LLM answer to the addon fields', () => {
    expect(toChatResponse(turn(llmResult()))).toEqual({
      message: 'Emita una nota de crédito.',
      sources: ['Anular una factura', 'CAF y folios'],
      confidence: 77.5,
      session_id: 'chat_2_9f1c2b7a',
      llm_used: 'anthropic',
      tokens_used: { input_tokens: 1200, output_tokens: 80, total_tokens: 1280 },
      plugin_used: 'dte',
      provider: 'anthropic',
      model: 'claude-sonnet-4',
      cost_usd: '0.004800000000',
      offline: false,
    });
  });

  it('marks an offline answer and reports no tokens', () => {
    const response = toChatResponse(turn(llmResult({ provider: 'offline', model: 'offline', costUsd: '0.000000000000' })));
    expect(response).toMatchObject({ offline: true, llm_used: 'offline', tokens_used: null });
  });
});

describe(toDoneMetadata.name, () => {
  it('adds the prompt-cache counters to the token counts', () => {
    expect(toDoneMetadata(turn(llmResult())).tokens_used).toEqual({
      input_tokens: 1200,
      output_tokens: 80,
      total_tokens: 1280,
      cache_read_tokens: 900,
      cache_creation_tokens: 0,
    });
  });
});

describe(sseFrame.name, () => {
  it('writes one data line ended by a real blank line, even for text with newlines', () => {
    const frame = sseFrame({ type: 'text', content: 'línea 1\n\nlínea 2' });
    expect(frame).toBe('data: {"type":"text","content":"línea 1\\n\\nlínea 2"}\n\n');
    expect(frame.slice(0, -2)).not.toContain('\n');
  });
});
