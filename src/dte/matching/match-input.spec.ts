import { lineRecordsOf, numberOrUndefined, textOrUndefined, toMatchDteInput, toPendingPoInputs, toSuggestProjectInput } from './match-input';

describe('match-input', () => {
  describe(textOrUndefined.name, () => {
    it('keeps text, turns finite numbers into text and drops everything else', () => {
      expect([textOrUndefined('P1'), textOrUndefined(42), textOrUndefined(NaN), textOrUndefined({ x: 1 }), textOrUndefined(false)]).toEqual(['P1', '42', undefined, undefined, undefined]);
    });
  });

  describe(numberOrUndefined.name, () => {
    it('keeps finite numbers, parses numeric text and drops everything else', () => {
      expect([numberOrUndefined(4200), numberOrUndefined(' 499800.0 '), numberOrUndefined('1e3'), numberOrUndefined(Infinity), numberOrUndefined([1])]).toEqual([
        4200,
        499800,
        undefined,
        undefined,
        undefined,
      ]);
    });
  });

  describe(lineRecordsOf.name, () => {
    it('keeps one record per sent item so line indices stay aligned', () => {
      expect(lineRecordsOf([{ a: 1 }, [{ b: 2 }], 7])).toEqual([{ a: 1 }, {}, {}]);
      expect(lineRecordsOf(0)).toEqual([]);
    });
  });

  describe(toMatchDteInput.name, () => {
    it('drops members of the wrong type instead of throwing', () => {
      const dte = toMatchDteInput({ date: { x: 1 }, total_amount: { n: 1 }, reference: 8811, lines: 0, referencias: [{ tipo: '801' }, { tipo: 801, folio: 'P00042' }, 'x'], partner_id: false });
      expect(dte).toEqual({ partner_id: null, reference: '8811', lines: [], referencias: [{ tipo: '801', folio: 'P00042' }] });
    });

    it('turns a non-object into an empty DTE', () => {
      expect(toMatchDteInput([1, 2])).toEqual({ partner_id: null, lines: [], referencias: [] });
    });
  });

  describe(toPendingPoInputs.name, () => {
    it('keeps only objects with an integer id and a text name, members well-typed', () => {
      const pos = toPendingPoInputs([
        { id: 1, name: 'P1', amount_total: '100', date_order: { y: 1 }, lines: [{ product_id: false, product_name: 'Cemento', qty: '2' }] },
        [{ id: 2, name: 'P2' }],
        { id: '3', name: 'P3' },
        { id: 4, name: ['P4'] },
      ]);
      expect(pos).toEqual([{ id: 1, name: 'P1', amount_total: 100, lines: [{ product_id: null, product_name: 'Cemento', qty: 2 }] }]);
    });
  });

  describe(toSuggestProjectInput.name, () => {
    it('leaves out projects that are arrays or lack an integer id or a text name', () => {
      const input = toSuggestProjectInput({ available_projects: [{ id: 12, name: 'Edificio', code: false }, [{ id: 15, name: 'Condominio' }], { name: 'Sin id' }, { id: 16 }] });
      expect(input.available_projects).toEqual([{ id: 12, name: 'Edificio' }]);
    });
  });
});
