import type { SiiAnalysis } from '../analysis/sii-analysis.types';
import { buildSlackMessage } from './slack-message';

const item = {
  title: 'Resolución Exenta SII N° 128 <urgente>',
  url: 'https://www.sii.cl/res.htm',
  pdfUrl: 'https://www.sii.cl/reso128.pdf',
  publishedAt: '2026-09-16',
};
const analysis: SiiAnalysis = {
  type: 'resolucion',
  impact: 'alto',
  modules: ['l10n_cl_dte', 'stock'],
  deadlines: ['2026-11-01'],
  summary: 'Datos de transporte & guías',
  priority: 4,
  actions: ['Actualizar guías de despacho'],
  team: 'dte',
};
const allText = (message: ReturnType<typeof buildSlackMessage>) => JSON.stringify(message.blocks);

describe(buildSlackMessage.name, () => {
  it('shows title, priority, type, summary, actions, team and a PDF button', () => {
    const message = buildSlackMessage(item, analysis, { techLeadId: null });
    const text = allText(message);
    expect(text).toContain('Prioridad 4/5 · resolucion · impacto alto');
    expect(text).toContain('*Resumen:* Datos de transporte &amp; guías');
    expect(text).toContain('• Actualizar guías de despacho');
    expect(text).toContain('*Equipo:* DTE');
    expect(text).toContain('*Plazos:* 2026-11-01');
    expect(message.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Ver PDF' }, url: 'https://www.sii.cl/reso128.pdf' }],
    });
  });

  it('escapes item text so it cannot inject mentions or links', () => {
    expect(allText(buildSlackMessage(item, analysis, {}))).toContain('Resolución Exenta SII N° 128 &lt;urgente&gt;');
  });

  it('mentions the tech lead from priority 4', () => {
    const message = buildSlackMessage(item, analysis, { techLeadId: 'U0TECHLEAD' });
    expect(message.text.startsWith('<@U0TECHLEAD> ')).toBe(true);
    expect(allText(message)).toContain('<@U0TECHLEAD>');
  });

  it('does not mention anyone below priority 4 or with a malformed id', () => {
    expect(allText(buildSlackMessage(item, { ...analysis, priority: 3 }, { techLeadId: 'U0TECHLEAD' }))).not.toContain('<@');
    expect(allText(buildSlackMessage(item, analysis, { techLeadId: 'U1> <!channel' }))).not.toContain('<@');
  });

  it('links the page when there is no PDF', () => {
    const message = buildSlackMessage({ ...item, pdfUrl: null }, analysis, {});
    expect(JSON.stringify(message.blocks.at(-1))).toContain('"Ver página"');
  });
});
