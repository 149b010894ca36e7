import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { loadFixture } from 'test/fixtures/dte/dte-factory';
import { validateDte, NO_LINES_WARNING } from '../dte-validator';
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

/** Dotted paths of the failing fields, as the 400 body names them. */
async function fieldsOf<T extends object>(cls: new () => T, body: unknown): Promise<string[]> {
  const walk = (errors: ValidationError[], parent: string): string[] =>
    errors.flatMap((e) => {
      const field = parent ? `${parent}.${e.property}` : e.property;
      return [...(e.constraints ? [field] : []), ...walk(e.children ?? [], field)];
    });
  return walk(await validate(plainToInstance(cls, body) as object, { whitelist: true }), '');
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

    it('coerces what Odoo sends loosely: false as empty, numbers as text, a datetime cut to its date', async () => {
      const body = {
        dte_data: { partner_id: false, partner_vat: false, total_amount: '499800.0', date: '2026-11-10 00:00:00', reference: 8811, lines: [{ numero: 1, cantidad: '100', descripcion: false }] },
        pending_pos: [{ ...pos[0], amount_total: '499800', date_order: false, currency: false, lines: [{ product_id: false, qty: '100', price_unit: 4200 }] }],
      };
      const instance = plainToInstance(MatchPoRequestDto, body);
      expect(await validate(instance, { whitelist: true })).toEqual([]);
      expect(instance.dte_data).toEqual({ partner_id: null, total_amount: 499800, date: '2026-11-10', reference: '8811', lines: [{ numero: '1', cantidad: 100 }] });
      expect(instance.pending_pos[0]).toEqual({ id: 342, name: 'P00042', amount_total: 499800, lines: [{ product_id: null, qty: 100, price_unit: 4200 }] });
    });

    it.each([
      ['lines that are not an array', { lines: 0 }, [], ['dte_data.lines']],
      ['a date that is an object', { date: { x: 1 } }, [], ['dte_data.date']],
      ['a date that is not a real day', { date: '2026-02-30' }, [], ['dte_data.date']],
      ['a total that is an object', { total_amount: { n: 1 } }, [], ['dte_data.total_amount']],
      ['a line wrapped in an array', { lines: [[{ nombre: 'x' }]] }, [], ['dte_data.lines']],
      ['a reference without folio', { referencias: [{ tipo: '801' }] }, [], ['dte_data.referencias.0.folio']],
      ['a PO date_order that is a number', {}, [{ date_order: 20261102 }], ['pending_pos.0.date_order']],
      ['a PO amount that is text', {}, [{ amount_total: 'mucho' }], ['pending_pos.0.amount_total']],
      ['a PO line price that is an array', {}, [{ lines: [{ price_unit: [4200] }] }], ['pending_pos.0.lines.0.price_unit']],
    ])('names the field for %s', async (_, dte, poChanges, fields) => {
      const pendingPos = poChanges.length ? poChanges.map((change) => ({ ...pos[0], ...change })) : pos;
      expect(await fieldsOf(MatchPoRequestDto, { dte_data: { total_amount: 1, ...dte }, pending_pos: pendingPos })).toEqual(fields);
    });

    it('rejects a PO wrapped in an array and naming its index', async () => {
      const instance = plainToInstance(MatchPoRequestDto, { dte_data: {}, pending_pos: [pos[0], [pos[0]]] });
      const [error] = await validate(instance);
      expect(error.constraints?.arrayItems).toBe('pending_pos[1] must be an object with an integer id and a text name');
    });

    it('validates dte_data when both it and invoice_data are sent, and ignores the alias then', async () => {
      expect(await fieldsOf(MatchPoRequestDto, { dte_data: { date: 5 }, invoice_data: {}, pending_pos: pos })).toEqual(['dte_data.date']);
      expect(await fieldsOf(MatchPoRequestDto, { dte_data: {}, invoice_data: { date: 5 }, pending_pos: pos })).toEqual([]);
    });

    it('rejects a body without the DTE and POs without an integer id', async () => {
      expect(await errorsOf(MatchPoRequestDto, { pending_pos: pos })).toEqual(['dte_data']);
      expect(await errorsOf(MatchPoRequestDto, { dte_data: {}, pending_pos: [{ id: 'x', name: 'P1' }] })).toEqual(['pending_pos']);
    });
  });

  describe(SuggestProjectRequestDto.name, () => {
    it('accepts the addon body and keeps lenient fields through the whitelist', async () => {
      const body = {
        partner_id: 55,
        partner_vat: '78112233-5',
        partner_name: 'Comercial Maipo Ltda.',
        company_id: 1,
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

    it('names the index of a project that is wrapped in an array or lacks its id or name', async () => {
      const projects = [{ id: 12, name: 'Edificio Los Robles' }, [{ id: 15, name: 'Condominio Alto Maipo' }], { name: 'Sin id' }, { id: 16 }];
      const [error] = await validate(plainToInstance(SuggestProjectRequestDto, { available_projects: projects }));
      expect(error.constraints?.arrayItems).toBe('available_projects[1] must be an object with an integer id and a text name');
      expect(await fieldsOf(SuggestProjectRequestDto, { available_projects: projects })).toEqual(['available_projects', 'available_projects.2.id', 'available_projects.3.name']);
    });

    it("accepts Odoo's false in the optional project fields and numbers as text", async () => {
      const instance = plainToInstance(SuggestProjectRequestDto, { partner_id: false, available_projects: [{ id: 12, name: 'Edificio', code: false, partner_name: false, budget: '0' }] });
      expect(await validate(instance, { whitelist: true })).toEqual([]);
      expect(instance.available_projects[0]).toEqual({ id: 12, name: 'Edificio', budget: 0 });
    });
  });

  describe(toValidateDteResponse.name, () => {
    it('keeps send/review/reject and adds the reception vocabulary and structured findings', () => {
      const fixture = loadFixture('clean-addon-33');
      const response = toValidateDteResponse(mergeReview(validateDte(fixture.input, { now: new Date(fixture.now) }), null));
      expect(response).toEqual(
        expect.objectContaining({ recommendation: 'send', reception_recommendation: 'accept', form: 'addon', reviewed_by: ['rules'], errors: [], warnings: [NO_LINES_WARNING] }),
      );
      expect(response.rules_skipped).toEqual(expect.arrayContaining([{ rule_id: 'L-04', title: expect.any(String), missing: ['dte_data.lineas'] }]));
      expect(response.unknown_keys).toEqual([]);
      expect(response.findings[0]).toEqual(expect.objectContaining({ ruleId: 'R-01', severity: 'info' }));
    });
  });
});
