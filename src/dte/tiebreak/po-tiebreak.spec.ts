import { matchPurchaseOrders, type MatchDteInput, type PendingPoInput } from '../matching/po-matcher';
import { poTiebreakCandidates, settlePoMatch } from './po-tiebreak';

const dte: MatchDteInput = {
  total_amount: 499800,
  date: '2026-11-10',
  lines: [{ nombre: 'Cemento Polpaico 25 kg', cantidad: 100, precio_unitario: 4200 }],
};
const po = (id: number, name: string, overrides: Partial<PendingPoInput> = {}): PendingPoInput => ({
  id,
  name,
  amount_total: 499800,
  date_order: '2026-11-02 10:00:00',
  lines: [{ product_id: 420, product_name: 'Cemento Polpaico 25kg saco', qty: 100, price_unit: 4200 }],
  ...overrides,
});
const tied = [po(342, 'P00042'), po(350, 'P00050'), po(339, 'P00039', { amount_total: 90000, lines: [] })];

describe('po-tiebreak', () => {
  describe(poTiebreakCandidates.name, () => {
    it('offers only the close candidates above the threshold', () => {
      expect(
        poTiebreakCandidates(matchPurchaseOrders(dte, tied))
          .map((c) => c.po_id)
          .sort(),
      ).toEqual([342, 350]);
    });

    it('offers nothing when one PO clearly wins', () => {
      expect(poTiebreakCandidates(matchPurchaseOrders(dte, [po(342, 'P00042'), tied[2]]))).toEqual([]);
    });
  });

  describe(settlePoMatch.name, () => {
    it('takes the pick among the close candidates, with its line matches', () => {
      const settled = settlePoMatch(dte, tied, matchPurchaseOrders(dte, tied), { id: 350, reason: 'Despacho a obra' });
      expect(settled).toMatchObject({ matched_po_id: 350, decided_by: 'llm', line_matches: [expect.objectContaining({ product_id: 420 })] });
      expect(settled.reasoning).toMatch(/^P00050: elegida por IA .*Despacho a obra/);
    });

    it.each([
      ['no pick', null],
      ['a pick outside the close candidates', { id: 339, reason: '' }],
      ['a pick of an id never sent', { id: 7, reason: '' }],
    ])('answers no match on an exact tie with %s', (_, pick) => {
      const settled = settlePoMatch(dte, tied, matchPurchaseOrders(dte, tied), pick);
      expect(settled).toMatchObject({ matched_po_id: null, line_matches: [], decided_by: 'rules' });
      expect(settled.reasoning).toMatch(/empatan/);
    });

    it('keeps the deterministic best of a close but not exact tie when there is no pick', () => {
      const close = [po(342, 'P00042'), po(350, 'P00050', { lines: [{ product_id: 420, product_name: 'Cemento Polpaico 25kg saco', qty: 100, price_unit: 4000 }] })];
      const ranked = matchPurchaseOrders(dte, close);
      expect(ranked.needs_tiebreak).toBe(true);
      expect(settlePoMatch(dte, close, ranked, null)).toMatchObject({ matched_po_id: 342, decided_by: 'rules' });
    });
  });
});
