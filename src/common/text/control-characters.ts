// Control characters Postgres text cannot hold (NUL) or that have no place in prose; `\t`, `\n` and `\r` are allowed.
const CONTROL_CHARACTER_RANGES = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F';

/** Every such control character, for `text.replace(CONTROL_CHARACTERS, …)` (global flag: not for `.test`). */
export const CONTROL_CHARACTERS = new RegExp(`[${CONTROL_CHARACTER_RANGES}]`, 'g');

/** Matches a whole text free of such control characters. */
export const WITHOUT_CONTROL_CHARACTERS = new RegExp(`^[^${CONTROL_CHARACTER_RANGES}]*$`);

const ANY_CONTROL_CHARACTER = new RegExp(`[${CONTROL_CHARACTER_RANGES}]`);

/** True when the text holds such a control character. */
export function hasControlCharacter(text: string): boolean {
  return ANY_CONTROL_CHARACTER.test(text);
}
