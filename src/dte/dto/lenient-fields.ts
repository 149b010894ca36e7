/**
 * Field decorators for the loose JSON the Odoo addons send: Odoo writes `false` for an empty field, numbers may come as
 * text. Empty values (`false`, `null`, blank text) count as absent; values of a clearly wrong type (objects, arrays,
 * non-numeric text for a number, a date that is not `YYYY-MM-DD...`) fail validation, so the 400 names the field.
 */
import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { Allow, IsArray, IsInt, IsNumber, IsOptional, IsString, ValidateBy, ValidateNested, type ValidationOptions } from 'class-validator';
import { isOdooEmpty, NUMERIC_TEXT } from 'src/common/odoo';
import { isIsoDate } from 'src/common/time/calendar-date';

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export { isOdooEmpty };

/** Odoo's empty values become undefined; numeric text becomes a number; anything else is left for the validator. */
export function looseNumber(value: unknown): unknown {
  if (isOdooEmpty(value)) return undefined;
  return typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : value;
}

/** Odoo's empty values become undefined (blank text is kept); numbers become text; anything else is left for the validator. */
export function looseText(value: unknown): unknown {
  if (value === false || value === null) return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
}

/** Odoo's empty values become undefined; a date or naive/ISO datetime becomes its `YYYY-MM-DD` part. */
export function looseDate(value: unknown): unknown {
  if (isOdooEmpty(value)) return undefined;
  if (typeof value !== 'string') return value;
  return DATE_PREFIX.exec(value.trim())?.[1] ?? value;
}

/** An optional number; numeric text is accepted. */
export const LenientNumber = () =>
  applyDecorators(
    Transform(({ value }) => looseNumber(value)),
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number (numeric text is accepted)' }),
  );

/** An optional integer id; Odoo's `false` becomes null, numeric text is accepted. */
export const LenientId = () =>
  applyDecorators(
    Transform(({ value }) => (value === false || value === null ? null : looseNumber(value))),
    IsOptional(),
    IsInt({ message: '$property must be an integer id, null or false' }),
  );

/** An optional text; numbers are turned into text. */
export const LenientText = () =>
  applyDecorators(
    Transform(({ value }) => looseText(value)),
    IsOptional(),
    IsString({ message: '$property must be text' }),
  );

/** An optional calendar date, sent as `YYYY-MM-DD` or a naive/ISO datetime; normalized to `YYYY-MM-DD`. */
export const LenientDate = () =>
  applyDecorators(
    Transform(({ value }) => looseDate(value)),
    IsOptional(),
    ValidateBy({ name: 'isCalendarDay', validator: { validate: isIsoDate, defaultMessage: (args) => `${args?.property} must be a real YYYY-MM-DD date (a datetime is accepted)` } }),
  );

/** Holds a value that should have been an array, so that only "must be an array" is reported for it (not every item rule). */
class NotAnArray {
  @Allow() readonly value: unknown;

  constructor(value: unknown) {
    this.value = value;
  }
}

/** At most `max` items, each a plain object (not an array, not a scalar); the message names the bad indices. Non-arrays pass (IsArray reports them). */
export function ArrayItems(max: number, what: string, options?: ValidationOptions) {
  const badIndices = (value: unknown[]) => value.flatMap((item, i) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? [] : [i]));
  return ValidateBy(
    {
      name: 'arrayItems',
      validator: {
        validate: (value) => !Array.isArray(value) || (value.length <= max && badIndices(value).length === 0),
        defaultMessage: (args) => {
          const items = args?.value as unknown[];
          if (items.length > max) return `${args?.property} must have at most ${max} items`;
          return `${badIndices(items)
            .map((i) => `${args?.property}[${i}]`)
            .join(', ')} must be ${what}`;
        },
      },
    },
    options,
  );
}

/** An array of at most `max` objects, each validated as `type`; a wrong kind of value gets the single problem "must be an array". */
export const ArrayOf = (type: () => new () => object, max: number, what: string, { optional }: { optional: boolean }) =>
  applyDecorators(
    Transform(({ value }) => {
      if (optional && (value === false || value === null)) return undefined;
      return Array.isArray(value) || value === undefined || value === null ? value : new NotAnArray(value);
    }),
    ...(optional ? [IsOptional()] : []),
    IsArray({ message: '$property must be an array' }),
    ArrayItems(max, what),
    ValidateNested({ each: true }),
    Type(type),
  );

/** An optional array (Odoo's `false` = none) of at most `max` objects, each validated as `type`. */
export const LenientArrayOf = (type: () => new () => object, max: number, what: string) => ArrayOf(type, max, what, { optional: true });
