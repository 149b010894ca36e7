import type { LlmResult } from '../../llm.types';
import type { ChatCompletion } from '../../providers/provider';
import { completionAnswer, gatewayInfo } from './chat-response';

const result = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  costUsd: '0.000004350000',
  attempts: 1,
  usedFallback: false,
  cached: false,
  latencyMs: 20,
  requestId: 'req-1',
} as LlmResult;

const VENDOR =
  '{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"El \\"model\\":\\"gpt-4o-mini-2024-07-18\\" dice hola"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":7,"total_tokens":8},"service_tier":1.0}';

/** What the door sent before it passed the vendor's text on: the parsed answer with our two fields. */
function serialized(raw: string): unknown {
  return Object.assign({}, JSON.parse(raw), { model: result.model, x_gateway: gatewayInfo(result) });
}

describe('completionAnswer', () => {
  it("passes the vendor's text on with our model id and x_gateway, its own bytes unchanged", () => {
    const answer = completionAnswer(JSON.parse(VENDOR) as ChatCompletion, result, VENDOR);
    expect(JSON.parse(answer)).toEqual(serialized(VENDOR));
    expect(answer).toContain('"service_tier":1.0'); // a number as the vendor spelled it
    expect(answer).toContain('dice hola');
    expect(answer.startsWith('{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",')).toBe(true);
  });

  it('serializes the parsed answer when the text cannot be spliced safely', () => {
    const pretty = JSON.stringify(JSON.parse(VENDOR), null, 2);
    const twice = VENDOR.replace('"created":1,', '"created":1,"meta":{"model":"gpt-4o-mini-2024-07-18"},'); // a nested one first
    const chained = VENDOR.replace('"service_tier":1.0', '"x_gateway":{"provider":"other"}');
    const noModel = VENDOR.replace('"model":"gpt-4o-mini-2024-07-18",', '');
    for (const raw of [pretty, twice, chained, noModel]) {
      const answer = completionAnswer(JSON.parse(raw) as ChatCompletion, result, raw);
      expect(JSON.parse(answer)).toEqual(serialized(raw));
      expect(answer.match(/"x_gateway"/g)).toHaveLength(1);
    }
    expect(JSON.parse(completionAnswer(JSON.parse(VENDOR) as ChatCompletion, result))).toEqual(serialized(VENDOR)); // a cached answer has no text
  });
});
