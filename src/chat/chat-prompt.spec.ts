import { buildChatSystem, buildOfflineAnswer, sanitizeUserMessage, type KnowledgePassage } from './chat-prompt';
import { DtePlugin } from './plugins/dte.plugin';

const plugin = new DtePlugin();
const passages: KnowledgePassage[] = [
  { id: 'dte-anular-factura', title: 'Anular una factura', module: 'dte', content: 'Primer párrafo.\n\nSegundo párrafo.' },
  { id: 'dte-caf-folios', title: 'CAF y folios', module: 'dte', content: 'Los folios vencen.\n\nMás detalle.' },
];

describe(buildChatSystem.name, () => {
  it('puts the plugin prompt and passages in a cacheable first block', () => {
    const [stable] = buildChatSystem(plugin, {}, passages);
    expect(stable.cache).toBe(true);
    expect(stable.text.startsWith(plugin.systemPrompt)).toBe(true);
    expect(stable.text).toContain('titulo="Anular una factura"');
    expect(stable.text).toContain('Los folios vencen.');
  });

  it('keeps the first block identical for different users', () => {
    const a = buildChatSystem(plugin, { userName: 'Ana', companyName: 'Uno SpA' }, passages);
    const b = buildChatSystem(plugin, { userName: 'Luis', companyName: 'Dos Ltda.' }, passages);
    expect(a[0]).toEqual(b[0]);
    expect(a[1]).not.toEqual(b[1]);
  });

  it('sends the user context as JSON data in a second, uncached block', () => {
    const [, context] = buildChatSystem(
      plugin,
      {
        companyName: 'Comercial Maipo Ltda.',
        userRole: 'Administrador',
        module: 'l10n_cl_dte',
        activeModel: 'account.move',
        activeId: 4711,
        activeRecordName: 'FAC 000123',
        activeRecordData: { amount_total: 119000, partner_id: { id: 55, name: 'Cliente' } },
      },
      passages,
    );
    expect(context.cache).toBe(false);
    const json = JSON.parse(context.text.slice(context.text.indexOf('{')));
    expect(json).toMatchObject({
      empresa: 'Comercial Maipo Ltda.',
      rol: 'Administrador',
      modulo_odoo: 'l10n_cl_dte',
      modelo_activo: 'account.move',
      id_registro_activo: 4711,
      registro_activo: 'FAC 000123',
    });
    expect(json.datos_registro_activo).toContain('"amount_total":119000');
  });

  it('caps a huge active record', () => {
    const [, context] = buildChatSystem(plugin, { activeRecordData: { notes: 'x'.repeat(10_000) } }, []);
    expect(context.text.length).toBeLessThan(2_500);
  });

  it('says so when there are no passages or context', () => {
    const [stable, context] = buildChatSystem(plugin, {}, []);
    expect(stable.text).toContain('No se encontraron pasajes');
    expect(context.text).toContain('no informado');
  });
});

describe(buildOfflineAnswer.name, () => {
  it('labels the answer, quotes the best passage and cites every title', () => {
    const answer = buildOfflineAnswer(plugin, passages, '¿Cómo anulo una factura?');
    expect(answer.startsWith('Respuesta sin IA (modo sin conexión)')).toBe(true);
    expect(answer).toContain('Primer párrafo.\n\nSegundo párrafo.');
    expect(answer).toContain('- **CAF y folios**: Los folios vencen.');
    expect(answer).not.toContain('Más detalle.');
    expect(answer).toContain('Fuentes: Anular una factura; CAF y folios.');
  });

  it('lists what the plugin covers when nothing was found', () => {
    const answer = buildOfflineAnswer(plugin, [], 'algo raro');
    expect(answer).toContain('No encontré documentos');
    expect(answer).toContain(plugin.operations[0]);
  });
});

describe(sanitizeUserMessage.name, () => {
  it('strips tags and script blocks and decodes entities', () => {
    expect(sanitizeUserMessage('<p>Hola <b>mundo</b></p><script>alert(1)</script> &amp; más', 100)).toBe('Hola mundo & más');
  });

  it('keeps ordinary text the old service refused: SQL words and capitals', () => {
    const text = 'SELECT el diario de ventas y DELETE la línea duplicada; NECESITO AYUDA CON EL CIERRE DEL MES URGENTE AHORA';
    expect(sanitizeUserMessage(text, 5000)).toBe(text);
  });

  it('drops NUL and other control characters but keeps tabs and line breaks as spacing', () => {
    expect(sanitizeUserMessage('a\u0000b\u0007c\u007f\td\ne', 100)).toBe('abc d\ne');
  });

  it('trims, collapses blank space and cuts to the limit', () => {
    expect(sanitizeUserMessage('  uno   dos\n\n\n\ntres  ', 100)).toBe('uno dos\n\ntres');
    expect(sanitizeUserMessage('ñandú'.repeat(10), 7)).toBe('ñandúña');
  });
});
