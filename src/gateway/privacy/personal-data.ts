/**
 * Pseudonyms for personal data in what Odoo's features send to a vendor: each Chilean RUT and e-mail address becomes
 * a placeholder (`[RUT-1]`, `[EMAIL-1]`) before the call, the same value always the same placeholder within one
 * request (so the model can still tell that two documents share an issuer), and the answer gets the values back.
 * Names and free-text addresses are not recognised.
 */

/** A RUT with its check digit: `76.123.456-7`, `7.123.456-K`, `76123456-7`. */
const RUT = /(?<![\d.])(\d{1,2}\.\d{3}\.\d{3}|\d{7,8})-([\dkK])(?![\dA-Za-z])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PLACEHOLDER = /\[(RUT|EMAIL)-(\d+)\]/g;
/** A text ending in what may be the start of a placeholder (`[`, `[RU`, `[EMAIL-1`), held back until it completes. */
const PARTIAL_PLACEHOLDER = /\[(?:R(?:U(?:T(?:-\d*)?)?)?|E(?:M(?:A(?:I(?:L(?:-\d*)?)?)?)?)?)?$/;

/** The instruction added to a request that had values replaced, so the model quotes placeholders as written. */
export const PLACEHOLDER_NOTE = 'Algunos datos personales del mensaje aparecen reemplazados por marcadores como [RUT-1] o [EMAIL-1]. Si te refieres a ellos, escribe el marcador exactamente igual.';

/** One request's pseudonyms: `hide` on the way out, `reveal` on the answer. */
export class PersonalData {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private counts = { RUT: 0, EMAIL: 0 };

  /** Whether anything has been hidden. */
  get hidden(): boolean {
    return this.byPlaceholder.size > 0;
  }

  hide(text: string): string {
    return text
      .replace(RUT, (match, body: string, digit: string) => this.placeholder('RUT', `${body.replace(/\./g, '')}-${digit.toUpperCase()}`, match))
      .replace(EMAIL, (match) => this.placeholder('EMAIL', match.toLowerCase(), match));
  }

  /** Puts every placeholder this request made back; any other text (a placeholder the model made up) stays. */
  reveal(text: string): string {
    if (!this.hidden) return text;
    return text.replace(PLACEHOLDER, (match) => this.byPlaceholder.get(match) ?? match);
  }

  /** A reveal for streamed text: a placeholder cut between two deltas is held back until it is whole. */
  revealer(): { push(delta: string): string; flush(): string } {
    let held = '';
    return {
      push: (delta) => {
        const text = held + delta;
        const partial = this.hidden ? PARTIAL_PLACEHOLDER.exec(text) : null;
        held = partial ? text.slice(partial.index) : '';
        return this.reveal(partial ? text.slice(0, partial.index) : text);
      },
      flush: () => {
        const rest = this.reveal(held);
        held = '';
        return rest;
      },
    };
  }

  /** The placeholder of a value (keyed by its normal form), made on first sight; the first spelling seen is restored. */
  private placeholder(kind: 'RUT' | 'EMAIL', key: string, original: string): string {
    let placeholder = this.byValue.get(`${kind}:${key}`);
    if (!placeholder) {
      placeholder = `[${kind}-${++this.counts[kind]}]`;
      this.byValue.set(`${kind}:${key}`, placeholder);
      this.byPlaceholder.set(placeholder, original);
    }
    return placeholder;
  }
}
