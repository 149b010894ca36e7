import fc from 'fast-check';
import secureJson from 'secure-json-parse';
import { cannotPoisonPrototypes, firstIllFormedString } from './json-body';

describe(firstIllFormedString.name, () => {
  it('finds a lone surrogate in a value or a key, naming the field', () => {
    expect(firstIllFormedString(JSON.parse('{"message":"hola \\ud800","session_id":"x"}'))).toBe('message');
    expect(firstIllFormedString(JSON.parse('{"messages":[{"role":"user","content":"ok"},{"content":"\\udc00 tail"}]}'))).toBe('messages[1].content');
    expect(firstIllFormedString(JSON.parse('{"a":{"\\ud83d":1}}'))).toBe('a.\ud83d');
    expect(firstIllFormedString(JSON.parse('"\\ud800"'))).toBe('body');
  });

  it('accepts well-formed text, surrogate pairs (emoji) included', () => {
    expect(firstIllFormedString(JSON.parse('{"message":"hola \\ud83d\\ude00 👨‍👩‍👧 Ñandú","n":1,"x":null,"l":[true]}'))).toBeUndefined();
  });

  it('walks any depth without recursion', () => {
    const deep = `${'['.repeat(100_000)}"\\udfff"${']'.repeat(100_000)}`;
    expect(firstIllFormedString(JSON.parse(deep))).toMatch(/^\[0\]/);
  });
});

describe(cannotPoisonPrototypes.name, () => {
  /** A JSON text with some ASCII letters, digits and underscores written as \\u00XX escapes, as a client may send them. */
  const escapedAt = (text: string, picks: number[]) => {
    const positions = new Set(picks.map((p) => p % Math.max(text.length, 1)));
    let inString = false;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"' && text[i - 1] !== '\\') inString = !inString;
      out += inString && positions.has(i) && /[\w]/.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
    }
    return out;
  };

  it('lets through only texts that secure-json-parse accepts with the same value', () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'model', 'messages', 'content', 'proto', 'x');
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.constant(null), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 4 }), fc.array(fc.nat(), { maxLength: 6 }), (object, picks) => {
        const text = escapedAt(JSON.stringify(object), picks);
        if (!cannotPoisonPrototypes(text)) return;
        expect(secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' })).toEqual(JSON.parse(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('sends texts that name either key, plainly or in escapes, to the secure parser', () => {
    for (const text of ['{"__proto__":{"admin":true}}', '{"\\u005f_proto__":1}', '{"a":{"constructor":{"prototype":{"x":1}}}}', '{"c\\u006fnstructor":1}', '{"m":"protocol"}']) {
      expect(cannotPoisonPrototypes(text)).toBe(false);
    }
  });

  it("takes the usual bodies the short way, accents written as escapes (Python's json.dumps) included", () => {
    expect(cannotPoisonPrototypes('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Resume la factura electr\\u00f3nica 1234 \\ud83d\\ude00"}],"max_tokens":64}')).toBe(true);
  });
});
