import { explicitCacheUsage, implicitCachedTokens, PromptCache } from './prompt-cache';
import { defaultReply, planReply, type PromptFacts, textOf, tokensForChars } from './reply-builder';

const facts: PromptFacts = { json: false, lastUserText: 'a b c d e f g h i j', model: 'm', promptChars: 10, reasoning: false };

describe('reply-builder', () => {
  it('echoes the model and the first eight words of the last user message', () => {
    expect(defaultReply(facts)).toBe('Respuesta simulada de m: a b c d e f g h');
    expect(defaultReply({ ...facts, lastUserText: '  ' })).toBe('Respuesta simulada de m: (sin texto)');
  });

  it('splits the reply into chunks that join back to the text', () => {
    const plan = planReply('uno dos tres cuatro cinco', undefined);

    expect(plan.chunks).toEqual(['uno dos ', 'tres cuatro ', 'cinco']);
    expect(plan).toMatchObject({ outputTokens: Math.ceil(5 * 1.3), truncated: false });
  });

  it('truncates to max tokens', () => {
    expect(planReply('uno dos tres cuatro cinco', 3)).toMatchObject({ outputTokens: 3, text: 'uno dos', truncated: true });
  });

  it('counts about four characters per prompt token and reads nested content blocks', () => {
    expect(tokensForChars(9)).toBe(3);
    expect(textOf(['a', { text: 'b' }, { content: [{ text: 'c' }] }, { image: 'x' }])).toBe('abc');
  });
});

describe(PromptCache.name, () => {
  it('reports an implicit prefix as cached only when repeated and large enough', () => {
    const sut = new PromptCache();
    const prefix = { key: 'p', tokens: 2000 };

    expect(implicitCachedTokens(sut, prefix, 1024)).toBe(0);
    expect(implicitCachedTokens(sut, prefix, 1024)).toBe(2000);
    expect(implicitCachedTokens(sut, { key: 'small', tokens: 10 }, 1024)).toBe(0);
    expect(implicitCachedTokens(sut, { key: 'small', tokens: 10 }, 1024)).toBe(0);
  });

  it('reads the longest stored breakpoint and writes the rest', () => {
    const sut = new PromptCache();
    explicitCacheUsage(sut, [{ key: 'tools', tokens: 100 }]);

    expect(
      explicitCacheUsage(sut, [
        { key: 'tools', tokens: 100 },
        { key: 'tools+system', tokens: 300 },
      ]),
    ).toEqual({ creation: 200, read: 100 });
    expect(
      explicitCacheUsage(sut, [
        { key: 'tools', tokens: 100 },
        { key: 'tools+system', tokens: 300 },
      ]),
    ).toEqual({ creation: 0, read: 300 });
  });

  it('evicts the oldest prefix when full', () => {
    const sut = new PromptCache(2);
    ['a', 'b', 'c'].forEach((key) => sut.add(key));

    expect([sut.has('a'), sut.has('b'), sut.has('c')]).toEqual([false, true, true]);
  });
});
