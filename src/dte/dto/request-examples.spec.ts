import { validateDte } from '../dte-validator';
import { matchPurchaseOrders } from '../matching/po-matcher';
import { toPendingPoInputs } from '../matching/match-input';
import { matchInputFromXml, siiPayloadFromXml } from '../xml/dte-xml-input';
import { FLAT_FORM_EXAMPLES } from './flat-form-examples';
import { RECONCILE_XML_EXAMPLE, VALIDATE_ADDON_EXAMPLE, VALIDATE_SII_EXAMPLE, VALIDATE_XML_EXAMPLE } from './request-examples';

const NOW = new Date('2026-11-20T15:00:00Z');

describe('Swagger request examples', () => {
  it.each([
    ['addon', VALIDATE_ADDON_EXAMPLE],
    ['SII-tag', VALIDATE_SII_EXAMPLE],
    ['XML', { dte: siiPayloadFromXml(VALIDATE_XML_EXAMPLE.dte_xml), context: VALIDATE_XML_EXAMPLE.context, environment: VALIDATE_XML_EXAMPLE.environment }],
  ])('the %s validation example is a clean document a user can send as is', (_, body) => {
    const result = validateDte(body, { now: NOW, history: (body as { history?: unknown[] }).history });
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.recommendation).toBe('send');
  });

  it('the reconcile XML example matches the purchase order it references', () => {
    const ranked = matchPurchaseOrders(matchInputFromXml(RECONCILE_XML_EXAMPLE.dte_xml), toPendingPoInputs(RECONCILE_XML_EXAMPLE.pending_pos));
    expect(ranked).toMatchObject({ matched_po_id: 342, needs_tiebreak: false });
    expect(ranked.reasoning).toContain('P00042');
  });
});

describe('Swagger flat-form examples', () => {
  it.each(Object.entries(FLAT_FORM_EXAMPLES))('%s is a whole document a user can send as is: every rule runs and none objects', (_, { value }) => {
    const result = validateDte(value, { now: NOW });
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.recommendation).toBe('send');
    expect(result.warnings).toEqual([]);
    expect(result.unknownKeys).toEqual([]);
    expect(result.rulesSkipped.map((skipped) => skipped.ruleId)).not.toEqual(expect.arrayContaining(['L-04']));
    expect(result.rulesRun).toEqual(expect.arrayContaining(['H-01', 'L-04', 'M-01', 'M-04']));
  });
});
