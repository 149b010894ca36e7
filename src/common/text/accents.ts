const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** The text without its accents and diacritics ("Ñuñoa" → "Nunoa", "Anulación" → "Anulacion"). */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '');
}
