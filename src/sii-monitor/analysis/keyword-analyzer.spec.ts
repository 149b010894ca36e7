import { analyzeByKeywords } from './keyword-analyzer';
import type { SiiAnalysisInput } from './sii-analysis.types';

const item = (overrides: Partial<SiiAnalysisInput>): SiiAnalysisInput => ({
  kind: 'resoluciones',
  title: 'Resolución Exenta SII N° 1 del 2 de Enero del 2026',
  number: '1',
  publishedAt: '2026-01-02',
  summary: '',
  url: 'https://www.sii.cl/x.htm',
  pdfUrl: null,
  ...overrides,
});

describe(analyzeByKeywords.name, () => {
  it('sends a binding guía de despacho resolution with a deadline to the DTE team at priority 5', () => {
    const analysis = analyzeByKeywords(
      item({
        title: 'Resolución Exenta SII N° 128 del 16 de Septiembre del 2026',
        publishedAt: '2026-09-16',
        summary: 'Establece la obligación de incluir datos de transporte en las guías de despacho electrónicas; será obligatorio a contar del 1 de noviembre de 2026.',
      }),
    );
    expect(analysis).toMatchObject({
      type: 'resolucion',
      team: 'dte',
      priority: 5,
      impact: 'alto',
      deadlines: ['2026-11-01'],
    });
    expect(analysis.modules).toEqual(['l10n_cl_dte', 'stock']);
    expect(analysis.actions).toContain('Planificar la implementación antes del 2026-11-01');
  });

  it('gives priority 4 to a DTE topic that is binding but sets no date', () => {
    const analysis = analyzeByKeywords(item({ summary: 'Los contribuyentes deberán emitir boleta electrónica.' }));
    expect(analysis).toMatchObject({ team: 'dte', priority: 4, deadlines: [] });
  });

  it('keeps an informative DTE topic at priority 3', () => {
    expect(analyzeByKeywords(item({ summary: 'Actualiza instrucciones sobre el registro de compras y ventas.' }))).toMatchObject({
      team: 'dte',
      priority: 3,
      impact: 'medio',
    });
  });

  it('routes remuneraciones and Previred to payroll', () => {
    const analysis = analyzeByKeywords(item({ kind: 'circulares', summary: 'Fija el valor de la UTM para el impuesto único a las remuneraciones informadas en Previred.' }));
    expect(analysis).toMatchObject({ type: 'circular', team: 'payroll', modules: ['hr_payroll'], priority: 3 });
  });

  it('does not read "IVA" inside other words', () => {
    expect(analyzeByKeywords(item({ summary: 'Jurisprudencia administrativa sobre normas generales.' })).team).toBe('general');
  });

  it('rates unrelated news as informative', () => {
    const analysis = analyzeByKeywords(item({ kind: 'news', title: 'Director del SII participa en seminario sobre cumplimiento tributario', number: null }));
    expect(analysis).toMatchObject({ type: 'noticia', team: 'general', priority: 1, impact: 'bajo', modules: [] });
  });

  it('ignores the publication date and earlier references when listing deadlines', () => {
    const analysis = analyzeByKeywords(item({ publishedAt: '2026-09-16', title: 'Resolución del 16 de Septiembre del 2026', summary: 'Modifica la resolución del 3 de marzo de 2025.' }));
    expect(analysis.deadlines).toEqual([]);
  });
});
