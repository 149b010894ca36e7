import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** A 400 whose body lists each offending field with what is wrong with it. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly details: { field: string; problems: string[] }[]) {
    super(`Invalid request: ${details.map((d) => `${d.field} (${d.problems.join('; ')})`).join(', ')}`);
  }
}

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Inputs nested deeper than this are refused: class-transformer recurses per level and overflows the stack (a 500) near a few thousand. */
export const MAX_INPUT_DEPTH = 64;

/** True when `value` nests objects or arrays more than `limit` levels deep; iterative, so hostile input cannot overflow the stack here. */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/** ValidationPipe that answers 400 for over-deep input before transforming it. */
class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (exceedsDepth(value, MAX_INPUT_DEPTH)) {
      throw new RequestValidationError([{ field: metadata.data ?? metadata.type, problems: [`nested more than ${MAX_INPUT_DEPTH} levels deep`] }]);
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: depth limit, whitelist, transform, and one readable 400 per request. */
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}
