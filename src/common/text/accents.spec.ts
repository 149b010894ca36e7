import { stripAccents } from './accents';

describe(stripAccents.name, () => {
  it('removes accents, tildes and diaereses and keeps everything else', () => {
    expect(stripAccents('Ñuñoa, Anulación, pingüino ÁÉÍÓÚ ¿?')).toBe('Nunoa, Anulacion, pinguino AEIOU ¿?');
  });
});
