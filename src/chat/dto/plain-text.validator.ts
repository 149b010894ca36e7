import { Matches, type ValidationOptions } from 'class-validator';

/** Control characters Postgres text cannot hold (NUL) or that have no place in prose; `\t`, `\n` and `\r` are allowed. */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// eslint-disable-next-line no-control-regex
const WITHOUT_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** Rejects text holding a NUL or another control character (other than tab and line breaks) with a 400 naming the field. */
export function NoControlCharacters(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(WITHOUT_CONTROL_CHARACTERS, {
    message: '$property must not contain control characters (NUL and the like; only tab and line breaks are allowed)',
    ...options,
  });
}
