import { Logger } from '@nestjs/common';

import type { Caller } from 'src/common/auth';
import { LlmClient, LlmRequest, LlmResult } from 'src/gateway';

import example from './dto/validate-payslip.example.json';
import { loadShippedIndicators } from './indicators/shipped-indicators';
import { PayslipExplainer } from './payslip-explainer.service';
import { validatePayslip } from './payslip-validator';

const CALLER: Caller = { keyName: 'odoo', companies: null, isAdmin: false };
const NOW = new Date('2026-04-10T12:00:00Z');
const validate = (body: object) => validatePayslip(body as typeof example, loadShippedIndicators(), { now: NOW });
const wrongAfp = validate({ ...example, afp: 'Modelo', lines: example.lines.map((l) => (l.code === 'AFP' ? { ...l, amount: -120000, total: -120000 } : l)) });

/** Scripted LlmClient recording every request. */
class ScriptedLlm extends LlmClient {
  requests: LlmRequest[] = [];
  constructor(
    private readonly vendors: boolean,
    private readonly answer: (request: LlmRequest) => Promise<Partial<LlmResult>>,
  ) {
    super();
  }
  hasVendors(): boolean {
    return this.vendors;
  }
  async complete(request: LlmRequest): Promise<LlmResult> {
    this.requests.push(request);
    return (await this.answer(request)) as LlmResult;
  }
  stream(): AsyncIterable<never> {
    throw new Error('not used');
  }
}

describe(PayslipExplainer.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe('explain', () => {
    it('makes no call without a vendor', async () => {
      const llm = new ScriptedLlm(false, async () => ({ text: 'x' }));
      expect(await new PayslipExplainer(llm).explain(wrongAfp, CALLER)).toBeNull();
      expect(await new PayslipExplainer().explain(wrongAfp, CALLER)).toBeNull();
      expect(llm.requests).toEqual([]);
    });

    it('makes no call when there is nothing to explain', async () => {
      const llm = new ScriptedLlm(true, async () => ({ text: 'x' }));
      expect(await new PayslipExplainer(llm).explain(validate(example), CALLER)).toBeNull();
      expect(llm.requests).toEqual([]);
    });

    it("returns the vendor's text with provider and model, asking with a deadline, the caller's key and an offline answer", async () => {
      const llm = new ScriptedLlm(true, async () => ({ text: ' La AFP está mal. ', provider: 'anthropic', model: 'claude-haiku' }));
      expect(await new PayslipExplainer(llm).explain(wrongAfp, CALLER)).toEqual({ text: 'La AFP está mal.', provider: 'anthropic', model: 'claude-haiku' });
      const [request] = llm.requests;
      expect(request).toMatchObject({ operation: 'payroll.explain', caller: { apiKeyName: 'odoo' }, deadlineMs: expect.any(Number) });
      expect(request.offline!(request)).toContain('La liquidación debe corregirse.');
    });

    it('answers null when the call fails or comes back empty', async () => {
      const failing = new ScriptedLlm(true, async () => Promise.reject(new Error('all vendors down')));
      expect(await new PayslipExplainer(failing).explain(wrongAfp, CALLER)).toBeNull();
      const empty = new ScriptedLlm(true, async () => ({ text: '  ', provider: 'openai', model: 'gpt-4o-mini' }));
      expect(await new PayslipExplainer(empty).explain(wrongAfp, CALLER)).toBeNull();
    });
  });
});
