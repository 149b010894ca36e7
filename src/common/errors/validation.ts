import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

/** The global pipe: whitelist, transform, and one readable 400 per request. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}
