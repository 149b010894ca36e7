import { plainToInstance } from 'class-transformer';
import { isOdooEmpty, odooNumber, odooText, OdooEmptyToNull } from './odoo-values';

class WithOdooField {
  @OdooEmptyToNull() name?: string | null;
}

describe('Odoo values', () => {
  it('treats false, null, undefined and blank text as empty, and nothing else', () => {
    for (const empty of [false, null, undefined, '', '   ']) expect(isOdooEmpty(empty)).toBe(true);
    for (const value of [0, 'false', 'x', [], {}]) expect(isOdooEmpty(value)).toBe(false);
  });

  it('reads numbers and numeric text, and text and numbers as text', () => {
    expect([odooNumber(' 420000 '), odooNumber(12.5), odooNumber('12,5'), odooNumber(false), odooNumber(Infinity)]).toEqual([420000, 12.5, undefined, undefined, undefined]);
    expect([odooText('P00042'), odooText(8811), odooText(false), odooText(NaN)]).toEqual(['P00042', '8811', undefined, undefined]);
  });

  it('turns an empty Odoo field into null in a DTO, leaving absent fields absent', () => {
    expect(plainToInstance(WithOdooField, { name: false }).name).toBeNull();
    expect(plainToInstance(WithOdooField, { name: '  ' }).name).toBeNull();
    expect(plainToInstance(WithOdooField, {}).name).toBeUndefined();
    expect(plainToInstance(WithOdooField, { name: 'Ferretería' }).name).toBe('Ferretería');
  });
});
