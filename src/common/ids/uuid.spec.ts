import { newUuid } from './uuid';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newUuid', () => {
  it('gives version 4 UUIDs, unique across several refills of its random bytes', () => {
    const ids = Array.from({ length: 1_000 }, () => newUuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads the random hex digits evenly (no position stuck on one value)', () => {
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (let n = 0; n < 2_000; n++) [...newUuid()].forEach((char, i) => seen[i].add(char));
    const fixed = new Map([
      [8, 1],
      [13, 1],
      [14, 1],
      [18, 1],
      [19, 4],
      [23, 1],
    ]);
    seen.forEach((chars, i) => expect(chars.size).toBe(fixed.get(i) ?? 16));
  });
});
