import { Matches, type ValidationOptions } from 'class-validator';
import { WITHOUT_CONTROL_CHARACTERS } from 'src/common/text/control-characters';

/** Rejects text holding a NUL or another control character (other than tab and line breaks) with a 400 naming the field. */
export function NoControlCharacters(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(WITHOUT_CONTROL_CHARACTERS, {
    message: '$property must not contain control characters (NUL and the like; only tab and line breaks are allowed)',
    ...options,
  });
}
