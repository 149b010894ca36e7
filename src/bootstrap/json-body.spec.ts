import { firstIllFormedString } from './json-body';

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
