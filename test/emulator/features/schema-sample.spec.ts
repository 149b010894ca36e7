import { conformsTo, sampleFromSchema, strictSchemaProblem } from './schema-sample';

describe('schema-sample', () => {
  it('generates required properties by type, enums, formats, bounds and nested arrays', () => {
    const schema = {
      properties: {
        amount: { exclusiveMinimum: 0, type: 'number' },
        count: { maximum: 10, minimum: 3, type: 'integer' },
        code: { maxLength: 4, type: 'string' },
        due: { format: 'date', type: 'string' },
        optional: { type: 'string' },
        tags: { items: { enum: ['a', 'b'] }, minItems: 2, type: 'array' },
        owner: { properties: { active: { type: 'boolean' }, note: { type: ['null', 'string'] } }, type: 'object' },
      },
      required: ['amount', 'count', 'code', 'due', 'tags', 'owner'],
      type: 'object',
    };

    expect(sampleFromSchema(schema, 'Ferretería Sur')).toEqual({
      amount: 1,
      code: 'Ferr',
      count: 3,
      due: '2026-01-15',
      owner: { active: true, note: 'Ferretería Sur' },
      tags: ['a', 'a'],
    });
  });

  it("follows $ref, anyOf, allOf and Gemini's upper-case types with propertyOrdering", () => {
    const withRefs = {
      $defs: { line: { properties: { qty: { type: 'integer' } }, required: ['qty'], type: 'object' } },
      properties: { first: { $ref: '#/$defs/line' }, either: { anyOf: [{ type: 'null' }, { const: 'fijo' }] }, merged: { allOf: [{ properties: { x: { type: 'string' } } }, { required: ['x'] }] } },
      type: 'object',
    };
    const gemini = { properties: { b: { type: 'NUMBER' }, a: { type: 'STRING' } }, propertyOrdering: ['a', 'b'], type: 'OBJECT' };

    expect(sampleFromSchema(withRefs, 't')).toEqual({ either: 'fijo', first: { qty: 1 }, merged: { x: 't' } });
    expect(Object.keys(sampleFromSchema(gemini, 't') as object)).toEqual(['a', 'b']);
  });

  it('names the first place a strict schema is open or incomplete', () => {
    const closed = { additionalProperties: false, properties: { a: { type: 'string' } }, required: ['a'], type: 'object' };

    expect(strictSchemaProblem(closed)).toBeUndefined();
    expect(strictSchemaProblem({ ...closed, properties: { a: { properties: {}, type: 'object' } } })).toBe(
      "In context=('properties', 'a'), 'additionalProperties' is required to be supplied and to be false.",
    );
    expect(strictSchemaProblem({ ...closed, required: [] })).toContain("Missing 'a'.");
    expect(strictSchemaProblem({ items: { properties: {}, type: 'object' }, type: 'array' })).toContain("context=('items')");
  });

  it('tells values that break the schema from ones that conform', () => {
    const schema = { additionalProperties: false, properties: { n: { type: 'integer' }, s: { enum: ['x'] } }, required: ['n'], type: 'object' };

    expect(conformsTo({ n: 2, s: 'x' }, schema)).toBe(true);
    expect(conformsTo({ n: 2.5 }, schema)).toBe(false);
    expect(conformsTo({ s: 'x' }, schema)).toBe(false);
    expect(conformsTo({ n: 1, s: 'y' }, schema)).toBe(false);
    expect(conformsTo({ extra: true, n: 1 }, schema)).toBe(false);
  });
});
