import { IsString } from 'class-validator';
import { createValidationPipe, exceedsDepth, MAX_INPUT_DEPTH, RequestValidationError } from './validation';

class NoteDto {
  @IsString() title!: string;
}

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('exceedsDepth', () => {
  it('counts object and array levels and stops at the limit', () => {
    expect(exceedsDepth(nested(3), 3)).toBe(false);
    expect(exceedsDepth(nested(4), 3)).toBe(true);
    expect(exceedsDepth([[[1]]], 3)).toBe(false);
    expect(exceedsDepth([[[[1]]]], 3)).toBe(true);
    expect(exceedsDepth('text', 0)).toBe(false);
  });

  it('measures a 100,000-level value without overflowing the stack', () => {
    expect(exceedsDepth(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), MAX_INPUT_DEPTH)).toBe(true);
  });
});

describe('createValidationPipe', () => {
  const sut = createValidationPipe();
  const body = { type: 'body' as const, metatype: NoteDto, data: undefined };

  it('answers 400 naming the depth for a body nested past the limit instead of overflowing in class-transformer', async () => {
    const deep = { title: 'x', extra: nested(5000) };
    const error = await sut.transform(deep, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).details).toEqual([{ field: 'body', problems: [`nested more than ${MAX_INPUT_DEPTH} levels deep`] }]);
  });

  it('still validates and whitelists an ordinary body', async () => {
    await expect(sut.transform({ title: 'ok', extra: { a: [1] } }, body)).resolves.toEqual(Object.assign(new NoteDto(), { title: 'ok' }));
    await expect(sut.transform({ title: 3 }, body)).rejects.toBeInstanceOf(RequestValidationError);
  });
});
