import { MemoryKvStore } from 'src/infra/redis';
import { FIXTURE_NOW, loadFixture } from 'test/fixtures/dte/dte-factory';
import type { DteClock } from '../dte-clock';
import type { ValidateDteRequestDto } from '../dto/validate-dte.dto';
import { DteReviewService, REVIEW_DEADLINE_MS } from './dte-review.service';
import { DteValidationService } from './dte-validation.service';
import { FakeLlmClient, type FakeAnswer } from 'test/factories/fake-llm-client';

const caller = { keyName: 'default', companies: null, isAdmin: false };
const clock: DteClock = { now: () => FIXTURE_NOW };
const body = (name = 'clean-addon-33') => loadFixture(name).input as unknown as ValidateDteRequestDto;

function newService(vendors: boolean, answers: FakeAnswer[] = []) {
  const llm = new FakeLlmClient(vendors, answers);
  return { sut: new DteValidationService(clock, new MemoryKvStore(), new DteReviewService(llm)), llm };
}

describe(DteValidationService.name, () => {
  describe('validate', () => {
    it('answers from the rules, degraded, without calling the LLM when no vendor is configured', async () => {
      const { sut, llm } = newService(false);
      expect(await sut.validate(body(), caller)).toMatchObject({ recommendation: 'send', llm_used: false, degraded: true, degraded_reason: 'no_vendor' });
      expect(llm.requests).toEqual([]);
    });

    it('sends the review as dte.validate JSON with the caller, the company and a deadline under Odoo’s 10 s', async () => {
      const { sut, llm } = newService(true, [{ text: '{"r":"send","c":96,"w":[],"e":[]}' }]);
      const response = await sut.validate(body(), { ...caller, keyName: 'odoo' });
      expect(response).toMatchObject({ recommendation: 'send', confidence: 92, llm_used: true, degraded: false, provider: 'anthropic', model: 'claude-sonnet-4' });
      expect(llm.requests[0]).toMatchObject({ operation: 'dte.validate', json: true, caller: { apiKeyName: 'odoo', companyId: 1 }, deadlineMs: REVIEW_DEADLINE_MS });
      expect(REVIEW_DEADLINE_MS).toBeLessThan(10_000);
      expect(llm.requests[0].offline?.(llm.requests[0])).toBe('{"r":"send","c":88,"w":[],"e":[]}');
    });

    it.each([
      ['the offline provider answered', { text: '{"r":"send","c":90}', provider: 'offline' as const }, 'offline'],
      ['the answer is malformed', { text: 'todo bien' }, 'llm_malformed'],
      ['the call failed', new Error('deadline'), 'llm_failed'],
    ])('falls back to the rules when %s', async (_, answer, reason) => {
      const { sut } = newService(true, [answer]);
      expect(await sut.validate(body(), caller)).toMatchObject({ recommendation: 'send', llm_used: false, degraded: true, degraded_reason: reason, reviewed_by: ['rules'] });
    });

    it("asks no LLM when a rule already blocks: the answer is the rules' reject, not degraded", async () => {
      const { sut, llm } = newService(true, [{ text: '{"r":"send","c":100,"w":[],"e":[]}' }]);
      const response = await sut.validate(body('defect-addon-M-04-total'), caller);
      expect(response).toMatchObject({ recommendation: 'reject', reception_recommendation: 'reject', llm_used: false, degraded: false, llm_skipped_reason: 'rules_blocked' });
      expect(llm.requests).toEqual([]);
    });

    it('refuses unknown keys with a 400 naming them when strict is true, and lists them otherwise', async () => {
      const { sut } = newService(false);
      const request = body();
      request.dte_data = { ...request.dte_data, glosa: 'x', lineas: [{ nombre: 'Cemento', color: 'gris' }] };
      expect((await sut.validate(request, caller)).unknown_keys).toEqual(['dte_data.glosa', 'dte_data.lineas[0].color']);
      await expect(sut.validate({ ...request, strict: true }, caller)).rejects.toMatchObject({
        details: [{ field: 'dte_data', problems: [expect.stringContaining('dte_data.glosa, dte_data.lineas[0].color')] }],
      });
    });

    it('reuses an LLM-reviewed answer for an identical request and never caches a degraded one', async () => {
      const { sut, llm } = newService(true, [new Error('down'), { text: '{"r":"review","c":70,"w":["Revisar"],"e":[]}' }]);
      expect((await sut.validate(body(), caller)).degraded).toBe(true);
      const reviewed = await sut.validate(body(), caller);
      expect(reviewed.llm_used).toBe(true);
      expect(await sut.validate(body(), caller)).toEqual(reviewed);
      expect(llm.requests).toHaveLength(2);
    });

    it('does not reuse an answer after midnight in Chile, when the CAF valid until today has expired', async () => {
      let now = new Date('2026-11-21T02:58:00Z'); // 23:58 of 20 Nov in Santiago (UTC-3)
      const llm = new FakeLlmClient(true, [{ text: '{"r":"send","c":90,"w":[],"e":[]}' }]);
      const sut = new DteValidationService({ now: () => now }, new MemoryKvStore(), new DteReviewService(llm));
      const request = body('clean-sii-33');
      request.context = { ...request.context, caf: { ...(request.context!.caf as object), FA: '2026-05-24' } }; // + 180 days = 20 Nov
      expect(await sut.validate(request, caller)).toMatchObject({ recommendation: 'send', llm_used: true });
      now = new Date('2026-11-21T03:02:00Z');
      expect(await sut.validate(request, caller)).toMatchObject({ recommendation: 'reject', llm_skipped_reason: 'rules_blocked' });
      expect(llm.requests).toHaveLength(1);
    });

    it('refuses a company the key may not act for before doing any work', async () => {
      const { sut, llm } = newService(true);
      await expect(sut.validate(body(), { keyName: 'other', companies: [7], isAdmin: false })).rejects.toThrow(/company 1/);
      expect(llm.requests).toEqual([]);
    });
  });
});
