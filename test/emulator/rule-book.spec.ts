import { InvalidRuleError, RuleBook, ruleProblem, seededRandom } from './rule-book';

describe(RuleBook.name, () => {
  describe('take', () => {
    it('returns nothing when no rule matches', () => {
      const sut = new RuleBook(1);
      sut.add({ status: 500, vendor: 'anthropic' });

      expect(sut.take('openai', 'gpt-4o-mini')).toBeUndefined();
    });

    it('uses a counted rule exactly count times, then falls through to the next rule', () => {
      const sut = new RuleBook(1);
      sut.add({ count: 2, status: 429, vendor: 'openai' });
      sut.add({ status: 500, vendor: 'any' });

      const statuses = [1, 2, 3].map(() => sut.take('openai', 'gpt-4o')?.status);

      expect(statuses).toEqual([429, 429, 500]);
      expect(sut.list().map((r) => [r.hits, r.remaining])).toEqual([
        [2, 0],
        [1, null],
      ]);
    });

    it('matches a model exactly or by a prefix ending in *', () => {
      const sut = new RuleBook(1);
      sut.add({ model: 'gemini-2.5*', status: 503 });
      sut.add({ model: 'gpt-4o', status: 401 });

      expect(sut.take('gemini', 'gemini-2.5-flash')?.status).toBe(503);
      expect(sut.take('openai', 'gpt-4o')?.status).toBe(401);
      expect(sut.take('openai', 'gpt-4o-mini')).toBeUndefined();
    });

    it('applies a probability rule to a reproducible, seeded share of requests', () => {
      const pattern = (seed: number) => {
        const sut = new RuleBook(seed);
        sut.add({ probability: 0.25, status: 503 });
        return Array.from({ length: 400 }, () => (sut.take('openai', 'm') ? 1 : 0)).join('');
      };

      const hits = [...pattern(7)].filter((c) => c === '1').length;

      expect(pattern(7)).toBe(pattern(7));
      expect(pattern(7)).not.toBe(pattern(8));
      expect(hits).toBeGreaterThan(70);
      expect(hits).toBeLessThan(130);
    });
  });

  describe('add', () => {
    it.each([
      [{ vendor: 'mistral' }, 'unknown vendor mistral'],
      [{ count: -1 }, 'count must be a non-negative integer'],
      [{ probability: 1.5 }, 'probability must be within 0..1'],
      [{ status: 200 }, 'status must be 400..599'],
    ])('rejects %j', (rule, message) => {
      const sut = new RuleBook(1);

      expect(() => sut.add(rule as never)).toThrow(new InvalidRuleError(message));
    });
  });
});

describe(seededRandom.name, () => {
  it('yields numbers in [0, 1)', () => {
    const next = seededRandom(3);
    const values = Array.from({ length: 1000 }, next);

    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe(ruleProblem.name, () => {
  it('names what is wrong with a stream fault, and refuses one that both cuts and stalls', () => {
    expect(ruleProblem({ stallStreamAfterChunks: 2 })).toBeUndefined();
    expect(ruleProblem({ stallStreamAfterChunks: -1 })).toBe('stallStreamAfterChunks must be >= 0');
    expect(ruleProblem({ stallStreamAfterChunks: 2, cutStreamAfterChunks: 3 })).toBe('a stream is either cut or stalled, not both');
  });
});
