import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { loadFixture } from 'test/fixtures/dte/dte-factory';
import { validateDte } from '../dte-validator';
import { mergeReview } from '../llm-review';
import { toValidateDteResponse } from './dte-response.mapper';
import { MatchPoRequestDto, matchDteDataOf } from './match-po.dto';
import { SuggestProjectRequestDto } from './suggest-project.dto';
import { ValidateDteRequestDto } from './validate-dte.dto';

async function errorsOf<T extends object>(cls: new () => T, body: unknown): Promise<string[]> {
  const instance = plainToInstance(cls, body);
  const errors = await validate(instance as object, { whitelist: true, forbidNonWhitelisted: false });
  return errors.map((e) => e.property);
}

describe('DTE DTOs', () => {
  describe(ValidateDteRequestDto.name, () => {
    it('accepts the messy addon body (numbers as text, dotted RUT) and defaults history to []', async () => {
      const body = loadFixture('clean-addon-33').input;
      expect(await errorsOf(ValidateDteRequestDto, body)).toEqual([]);
      expect(plainToInstance(ValidateDteRequestDto, { dte_data: {}, company_id: 1 }).history).toEqual([]);
    });

    it('accepts the richer {dte, context, source} form without company_id', async () => {
      expect(await errorsOf(ValidateDteRequestDto, loadFixture('clean-sii-33').input)).toEqual([]);
    });

    it.each([
      ['no document', { company_id: 1 }, ['dte_data', 'dte']],
      ['dte_data not an object', { dte_data: 'x', company_id: 1 }, ['dte_data']],
      ['company_id 0 with the addon form', { dte_data: {}, company_id: 0 }, ['company_id']],
      ['history too long', { dte_data: {}, company_id: 1, history: Array.from({ length: 101 }, () => ({})) }, ['history']],
    ])('rejects %s', async (_, body, properties) => {
      expect(await errorsOf(ValidateDteRequestDto, body)).toEqual(properties);
    });
  });

  describe(MatchPoRequestDto.name, () => {
    const pos = [{ id: 342, name: 'P00042', amount_total: 499800, date_order: '2026-11-02 10:00:00', currency: 'CLP', lines: [] }];

    it('accepts dte_data and its alias invoice_data', async () => {
      expect(await errorsOf(MatchPoRequestDto, { dte_data: { total_amount: 1 }, pending_pos: pos, company_id: 1 })).toEqual([]);
      const alias = plainToInstance(MatchPoRequestDto, { invoice_data: { total_amount: 2 }, pending_pos: pos });
      expect(await validate(alias)).toEqual([]);
      expect(matchDteDataOf(alias).total_amount).toBe(2);
    });

    it('rejects a body without the DTE and POs without an integer id', async () => {
      expect(await errorsOf(MatchPoRequestDto, { pending_pos: pos })).toEqual(['dte_data', 'invoice_data']);
      expect(await errorsOf(MatchPoRequestDto, { dte_data: {}, pending_pos: [{ id: 'x', name: 'P1' }] })).toEqual(['pending_pos']);
    });
  });

  describe(SuggestProjectRequestDto.name, () => {
    it('accepts the addon body and keeps lenient fields through the whitelist', async () => {
      const body = {
        partner_id: 55, partner_vat: '78112233-5', partner_name: 'Comercial Maipo Ltda.', company_id: 1,
        invoice_lines: [{ description: 'Cemento', quantity: 1, price: 4200 }],
        available_projects: [{ id: 12, name: 'Edificio Los Robles', code: '', partner_name: '', state: 'active', budget: 0 }],
        historical_purchases: [{ date: '2026-10-01', project_name: 'Edificio Los Robles', amount: 476000 }],
      };
      const instance = plainToInstance(SuggestProjectRequestDto, body);
      expect(await validate(instance, { whitelist: true })).toEqual([]);
      expect(instance.historical_purchases?.[0].project_name).toBe('Edificio Los Robles');
      expect(instance.invoice_lines?.[0].price).toBe(4200);
    });

    it('rejects projects without an integer id', async () => {
      expect(await errorsOf(SuggestProjectRequestDto, { available_projects: [{ id: 'a', name: 'X' }] })).toEqual(['available_projects']);
    });
  });

  describe(toValidateDteResponse.name, () => {
    it('keeps send/review/reject and adds the reception vocabulary and structured findings', () => {
      const fixture = loadFixture('clean-addon-33');
      const response = toValidateDteResponse(mergeReview(validateDte(fixture.input, { now: new Date(fixture.now) }), null));
      expect(response).toEqual(expect.objectContaining({ recommendation: 'send', reception_recommendation: 'accept', form: 'addon', reviewed_by: ['rules'], errors: [], warnings: [] }));
      expect(response.findings[0]).toEqual(expect.objectContaining({ ruleId: 'R-01', severity: 'info' }));
    });
  });
});
