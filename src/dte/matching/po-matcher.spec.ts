import { matchLines, matchPurchaseOrders, type DteLineInput, type MatchDteInput, type PendingPoInput, type PoLineInput } from './po-matcher';

const DTE: MatchDteInput = {
  partner_id: 55,
  partner_vat: '78112233-5',
  partner_name: 'Comercial Maipo Ltda.',
  total_amount: 499800,
  date: '2026-11-10',
  reference: '8811',
  lines: [{ numero: '1', nombre: 'Cemento Polpaico 25 kg', cantidad: 100, precio_unitario: 4200, monto_total: 420000 }],
};

const po = (id: number, name: string, amount: number, date: string, product = 'Cemento Polpaico 25kg saco', qty = 100, price = 4200): PendingPoInput => ({
  id,
  name,
  amount_total: amount,
  date_order: `${date} 10:00:00`,
  currency: 'CLP',
  lines: [{ product_id: id * 10, product_name: product, qty, price_unit: price, subtotal: qty * price }],
});

describe(matchPurchaseOrders.name, () => {
  it('matches the PO named in an 801 reference with full confidence', () => {
    const result = matchPurchaseOrders({ ...DTE, referencias: [{ tipo: '801', folio: 'P00042' }] }, [po(41, 'P00041', 499800, '2026-11-01'), po(42, 'P00042', 499800, '2026-11-02')]);
    expect(result.matched_po_id).toBe(42);
    expect(result.confidence).toBeGreaterThanOrEqual(95);
    expect(result.needs_tiebreak).toBe(false);
    expect(result.line_matches).toEqual([{ dte_line: 0, po_line: 0, product_id: 420, score: expect.any(Number) }]);
    expect(result.reasoning).toContain('orden de compra P00042');
  });

  it('accepts a numeric OC folio and a PO name written in the line description', () => {
    expect(matchPurchaseOrders({ ...DTE, referencias: [{ tipo: '801', folio: '42' }] }, [po(42, 'P00042', 1, '2026-01-01')]).candidates[0].reasons[0]).toContain('P00042');
    const inText = matchPurchaseOrders({ ...DTE, lines: [{ ...DTE.lines![0], descripcion: 'según OC P00042' }] }, [po(42, 'P00042', 1, '2026-01-01')]);
    expect(inText.candidates[0].reasons[0]).toBe('P00042 aparece en la referencia o en la descripción de las líneas');
  });

  it('matches on total, lines and date alone, and ranks the closer total first', () => {
    const result = matchPurchaseOrders(DTE, [po(7, 'P00007', 520000, '2026-11-01'), po(8, 'P00008', 499800, '2026-11-01')]);
    expect(result.matched_po_id).toBe(8);
    expect(result.candidates.map((c) => c.po_id)).toEqual([8, 7]);
    expect(result.confidence).toBeGreaterThanOrEqual(60);
  });

  it('grades total tolerance: exact > 1% > 5% > beyond', () => {
    const scores = [499800, 495000, 480000, 400000].map((amount) => matchPurchaseOrders({ total_amount: 499800 }, [po(1, 'P1', amount, 'x')]).confidence);
    expect(scores).toEqual([30, 24, 12, 0]);
  });

  it('gives no match below 60 and explains the best candidate', () => {
    const result = matchPurchaseOrders(DTE, [po(9, 'P00009', 150000, '2026-01-02', 'Pintura látex blanca', 3, 50000)]);
    expect(result.matched_po_id).toBeNull();
    expect(result.reasoning).toContain('Ninguna OC alcanza el mínimo');
    expect(result.line_matches).toEqual([]);
  });

  it('flags a tie when two POs score within 5 points', () => {
    const result = matchPurchaseOrders(DTE, [po(1, 'P00001', 499800, '2026-11-01'), po(2, 'P00002', 499800, '2026-11-03')]);
    expect(result.needs_tiebreak).toBe(true);
    expect([1, 2]).toContain(result.matched_po_id);
    expect(result.reasoning).toContain('puntaje similar');
  });

  it('does not reward a PO dated after the document or older than 90 days', () => {
    const after = matchPurchaseOrders({ date: '2026-11-10' }, [po(1, 'P1', 1, '2026-11-12')]);
    const old = matchPurchaseOrders({ date: '2026-11-10' }, [po(1, 'P1', 1, '2026-07-01')]);
    expect([after.confidence, old.confidence]).toEqual([0, 0]);
    expect(after.candidates[0].reasons[0]).toContain('posterior');
  });

  it('ignores members of the wrong type and POs it could not answer with, instead of throwing', () => {
    const dte = { ...DTE, date: { x: 1 }, lines: 0, referencias: 'P00042' } as unknown as MatchDteInput;
    const pos = [
      { ...po(42, 'P00042', 499800, '2026-11-02'), date_order: 20261102, lines: [[]] },
      [po(43, 'P00043', 499800, '2026-11-02')],
      { id: '44', name: 'P00044' },
    ] as unknown as PendingPoInput[];
    const result = matchPurchaseOrders(dte, pos);
    expect(result.candidates.map((c) => c.po_id)).toEqual([42]);
    expect(result.confidence).toBe(30);
    expect(result.candidates[0].reasons).toEqual(['Total $499.800 igual al de la OC']);
  });

  it('returns no match for an empty PO list', () => {
    expect(matchPurchaseOrders(DTE, [])).toEqual(expect.objectContaining({ matched_po_id: null, confidence: 0, candidates: [], needs_tiebreak: false }));
  });
});

describe(matchLines.name, () => {
  it('pairs each PO line once with its best DTE line', () => {
    const matches = matchLines(
      [
        { nombre: 'Arena gruesa m3', cantidad: 2, precio_unitario: 8000 },
        { nombre: 'Cemento Polpaico', cantidad: 20, precio_unitario: 4200 },
      ],
      [
        { product_id: 1, product_name: 'Cemento Polpaico 25 kg', qty: 20, price_unit: 4200 },
        { product_id: 2, product_name: 'Arena gruesa', qty: 2, price_unit: 8000 },
      ],
    );
    expect(matches.map((m) => [m.dte_line, m.po_line, m.product_id])).toEqual([
      [0, 1, 2],
      [1, 0, 1],
    ]);
  });

  it('skips malformed lines but keeps the indices of the sent lines', () => {
    const matches = matchLines(
      [null, { nombre: 'Cemento Polpaico', cantidad: '20', precio_unitario: { p: 1 } }] as unknown as DteLineInput[],
      [['x'], { product_id: 'a', product_name: 'Cemento Polpaico 25 kg', qty: 20 }] as unknown as PoLineInput[],
    );
    expect(matches.map((m) => [m.dte_line, m.po_line, m.product_id])).toEqual([[1, 1, null]]);
  });
});
