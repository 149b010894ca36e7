import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { timestampFormatRule as sut } from './timestamp-format.rule';

describe('D-05 timestampFormatRule', () => {
  it('is silent without timestamps and passes local times on or after the emission date', () => {
    const doc = siiDoc('33');
    expect(sut.check(doc, ruleCtx())).toEqual([]);
    doc.TED = { TSTED: `${doc.FchEmis}T10:15:00` };
    doc.TmstFirma = `${doc.FchEmis}T23:59:59`;
    expect(sut.check(doc, ruleCtx())).toEqual([]);
  });

  it.each(['2026-11-16T10:15:00-03:00', '2026-11-16T10:15:00Z', '2026-11-16 10:15:00', '2026-02-30T10:15:00', '2026-11-16T24:00:00'])(
    'blocks the TED stamp time %s, which the SII schema refuses',
    (value) => {
      const doc = siiDoc('33');
      doc.TED = { TSTED: value };
      expect(sut.check(doc, ruleCtx())).toEqual([expect.objectContaining({ ruleId: 'D-05', severity: 'block', path: 'TED.DD.TSTED', expected: 'AAAA-MM-DDTHH:MM:SS', found: value })]);
    },
  );

  it('blocks a signature dated before the emission date', () => {
    const doc = siiDoc('33');
    doc.TmstFirma = '2026-11-15T09:00:00';
    const [result] = sut.check(doc, ruleCtx());
    expect(result).toEqual(expect.objectContaining({ path: 'TmstFirma', expected: `>= ${doc.FchEmis}` }));
    expect(result.message).toContain('antes de emitirse');
  });
});
