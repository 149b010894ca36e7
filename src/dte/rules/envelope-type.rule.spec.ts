import { ruleCtx, siiDoc } from 'test/fixtures/dte/dte-factory';
import { envelopeTypeRule as sut } from './envelope-type.rule';

describe('T-02 envelopeTypeRule', () => {
  it('passes a factura in EnvioDTE and a boleta in EnvioBOLETA, whatever the letter case', () => {
    expect(sut.check(siiDoc('33'), ruleCtx('33', { envelope: 'EnvioDTE' }))).toEqual([]);
    expect(sut.check(siiDoc('39'), ruleCtx('39', { envelope: 'EnvioBOLETA' }))).toEqual([]);
    expect(sut.check(siiDoc('39'), ruleCtx('39', { envelope: 'envioboleta' }))).toEqual([]);
  });

  it('blocks a boleta in EnvioDTE', () => {
    expect(sut.check(siiDoc('39'), ruleCtx('39', { envelope: 'EnvioDTE' }))).toEqual([
      expect.objectContaining({ ruleId: 'T-02', severity: 'block', path: 'context.envelope', expected: 'EnvioBOLETA', found: 'EnvioDTE' }),
    ]);
  });

  it('blocks a guía in EnvioBOLETA and an envelope the SII does not know', () => {
    expect(sut.check(siiDoc('52-venta'), ruleCtx('52-venta', { envelope: 'EnvioBOLETA' }))).toEqual([expect.objectContaining({ ruleId: 'T-02', expected: 'EnvioDTE', found: 'EnvioBOLETA' })]);
    expect(sut.check(siiDoc('61'), ruleCtx('61', { envelope: 'EnvioLibro' }))).toEqual([expect.objectContaining({ ruleId: 'T-02', expected: 'EnvioDTE', found: 'EnvioLibro' })]);
  });

  it('stays silent when no envelope is sent or the type is unknown', () => {
    expect(sut.check(siiDoc('39'), ruleCtx('39'))).toEqual([]);
    const doc = siiDoc('33');
    doc.TipoDTE = 99;
    expect(sut.check(doc, ruleCtx('33', { envelope: 'EnvioBOLETA' }))).toEqual([]);
  });
});
