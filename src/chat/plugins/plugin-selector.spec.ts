import { AccountPlugin } from './account.plugin';
import type { ChatPlugin } from './chat-plugin';
import { DtePlugin } from './dte.plugin';
import { PayrollPlugin } from './payroll.plugin';
import { selectPlugin } from './plugin-selector';
import { StockPlugin } from './stock.plugin';

const plugins: ChatPlugin[] = [new DtePlugin(), new PayrollPlugin(), new StockPlugin(), new AccountPlugin()];

describe(selectPlugin.name, () => {
  it.each([
    ['¿Cómo anulo una factura?', 'dte'],
    ['¿Cuánto es el tope imponible de la AFP?', 'payroll'],
    ['¿Cómo hago un ajuste de inventario?', 'stock'],
    ['¿Cómo cierro el mes contable?', 'account'],
    ['El SII rechazó mi guía de despacho con CAF-3-517', 'dte'],
    ['COMO CALCULO LA GRATIFICACION LEGAL', 'payroll'],
    ['necesito conciliar la cartola del banco', 'account'],
    ['quiero valorizar mis existencias con FIFO', 'stock'],
  ])('routes "%s" to %s', (text, expected) => {
    expect(selectPlugin(plugins, text).plugin.id).toBe(expected);
  });

  it('matches plural and accent-free forms of a keyword', () => {
    const selection = selectPlugin(plugins, 'tengo facturas electronicas con notas de credito');
    expect(selection.plugin.id).toBe('dte');
    expect(selection.reasons).toEqual(expect.arrayContaining(['palabra clave "factura"', 'palabra clave "nota de credito"']));
  });

  it('scores a multi-word keyword by its length', () => {
    const single = selectPlugin([new DtePlugin()], 'una nota').score;
    const phrase = selectPlugin([new DtePlugin()], 'una nota de crédito').score;
    expect(phrase - single).toBeGreaterThanOrEqual(3);
  });

  it('uses the Odoo module when the text has no keyword', () => {
    const selection = selectPlugin(plugins, '¿Qué hago ahora?', { module: 'hr_payroll' });
    expect(selection.plugin.id).toBe('payroll');
    expect(selection.reasons).toEqual(['módulo de Odoo "hr_payroll"']);
  });

  it('lets strong keywords outweigh the module bonus', () => {
    expect(selectPlugin(plugins, '¿Cuál es el tope imponible de la AFP?', { module: 'stock' }).plugin.id).toBe('payroll');
  });

  it('breaks a keyword tie in favour of the module plugin', () => {
    // "iva" is an account keyword and "factura" a DTE keyword: one point each.
    expect(selectPlugin(plugins, 'iva de la factura', { module: 'account' }).plugin.id).toBe('account');
    expect(selectPlugin(plugins, 'iva de la factura', { module: 'l10n_cl_dte' }).plugin.id).toBe('dte');
  });

  it('falls back to the account plugin with score 0 when nothing matches', () => {
    const selection = selectPlugin(plugins, 'hola, buenos días', { module: 'website' });
    expect(selection).toMatchObject({ score: 0, reasons: ['sin coincidencias: plugin por defecto'] });
    expect(selection.plugin.id).toBe('account');
  });

  it('refuses an empty plugin list', () => {
    expect(() => selectPlugin([], 'factura')).toThrow('at least one plugin');
  });
});
