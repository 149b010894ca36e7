import { isCanonicalRut, isSpecialRut, isValidRut, normalizeRut, parseRut, rutCheckDigit } from './rut';

describe('rut', () => {
  describe(rutCheckDigit.name, () => {
    it.each([
      [96874030, 'K'],
      [60805000, '0'],
      [60803000, 'K'],
      [55555555, '5'],
      [66666666, '6'],
      [12345678, '5'],
      [76086428, '5'],
      [78112233, '5'],
    ])('computes the check digit of %s as %s', (body, dv) => {
      expect(rutCheckDigit(body)).toBe(dv);
    });
  });

  describe(parseRut.name, () => {
    it.each([
      ['78.112.233-5', '78112233-5'],
      [' 78112233-5 ', '78112233-5'],
      ['CL78112233-5', '78112233-5'],
      ['CL781122335', '78112233-5'],
      ['cl 96.874.030-k', '96874030-K'],
      ['96874030k', '96874030-K'],
    ])('accepts %p as %s', (input, canonical) => {
      expect(parseRut(input)?.canonical).toBe(canonical);
    });

    it.each(['', 'abc', '12-34', '0-0', '123456789-0', null, {}, '78112233-X'])('rejects %p', (input) => {
      expect(parseRut(input)).toBeNull();
    });
  });

  describe(isValidRut.name, () => {
    it('accepts a correct check digit and rejects a wrong one', () => {
      expect(isValidRut('12345678-5')).toBe(true);
      expect(isValidRut('12345678-9')).toBe(false);
      expect(isValidRut('garbage')).toBe(false);
    });
  });

  describe(isCanonicalRut.name, () => {
    it('accepts only digits-hyphen-DV without dots, leading zeros or lowercase k', () => {
      expect(isCanonicalRut('96874030-K')).toBe(true);
      expect(isCanonicalRut('96874030-k')).toBe(false);
      expect(isCanonicalRut('96.874.030-K')).toBe(false);
      expect(isCanonicalRut('096874030-K')).toBe(false);
    });
  });

  describe(isSpecialRut.name, () => {
    it('recognises the foreign and anonymous-consumer RUTs in any spelling', () => {
      expect(isSpecialRut('55.555.555-5')).toBe(true);
      expect(isSpecialRut('66666666-6')).toBe(true);
      expect(isSpecialRut('78112233-5')).toBe(false);
      expect(normalizeRut('x')).toBeNull();
    });
  });
});
