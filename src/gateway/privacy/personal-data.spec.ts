import { PersonalData } from './personal-data';

describe(PersonalData.name, () => {
  it('replaces RUTs and e-mail addresses, one placeholder per value whatever its spelling, and puts them back', () => {
    const personal = new PersonalData();
    const text = 'Emisor 76.123.456-7 (76123456-7), receptor 7.654.321-k, contacto Ana.Perez@Empresa.cl y ana.perez@empresa.cl.';
    const hidden = personal.hide(text);
    expect(hidden).toBe('Emisor [RUT-1] ([RUT-1]), receptor [RUT-2], contacto [EMAIL-1] y [EMAIL-1].');
    expect(personal.reveal('El emisor [RUT-1] y el receptor [RUT-2] escriben a [EMAIL-1].')).toBe('El emisor 76.123.456-7 y el receptor 7.654.321-k escriben a Ana.Perez@Empresa.cl.');
  });

  it('leaves amounts, folios, dates and placeholders it did not make alone', () => {
    const personal = new PersonalData();
    const text = 'Total $1.234.567, folio 12345678, fecha 2026-12-06, código 123-4, teléfono +56 9 1234 5678.';
    expect(personal.hide(text)).toBe(text);
    expect(personal.hidden).toBe(false);
    personal.hide('RUT 12.345.678-5');
    expect(personal.reveal('[RUT-1] y [RUT-7]')).toBe('12.345.678-5 y [RUT-7]');
  });

  it('holds back a placeholder cut between streamed deltas until it is whole', () => {
    const personal = new PersonalData();
    personal.hide('RUT 76.123.456-7, correo pagos@empresa.cl');
    const revealer = personal.revealer();
    const deltas = ['El emisor [R', 'UT-', '1] pagó; avisa a [EMAIL', '-1', ']. Arreglo [1] y [Revisar', ' esto] [RUT-1', ']'];
    const out = deltas.map((delta) => revealer.push(delta));
    expect(out.join('') + revealer.flush()).toBe('El emisor 76.123.456-7 pagó; avisa a pagos@empresa.cl. Arreglo [1] y [Revisar esto] 76.123.456-7');
    expect(out[0]).toBe('El emisor ');
    expect(out[2]).toBe('76.123.456-7 pagó; avisa a ');
    // A stream that ends inside a placeholder gets what was held back as it came.
    const cut = personal.revealer();
    expect(cut.push('Fin [RUT-')).toBe('Fin ');
    expect(cut.flush()).toBe('[RUT-');
  });

  it('streams untouched when nothing was hidden', () => {
    const revealer = new PersonalData().revealer();
    expect(revealer.push('Hola [RU')).toBe('Hola [RU');
  });
});
