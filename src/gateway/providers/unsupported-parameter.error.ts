/**
 * A request field the chosen target cannot honour. The front door answers it with a 400 naming the field
 * and the target; fallback skips such a target instead of serving the request wrongly.
 */
export class UnsupportedParameterError extends Error {
  readonly isUnsupportedParameterError = true;

  constructor(
    readonly field: string,
    readonly target: string,
    detail?: string,
  ) {
    super(`${target} cannot honour "${field}"${detail ? ` (${detail})` : ''}; remove it or set drop_params`);
    this.name = 'UnsupportedParameterError';
  }
}

export function isUnsupportedParameterError(error: unknown): error is UnsupportedParameterError {
  return typeof error === 'object' && error !== null && (error as UnsupportedParameterError).isUnsupportedParameterError === true;
}

/** How a translating mapper treats one OpenAI request field for its target. */
export type FieldHandling = 'translated' | 'refused' | 'ignored';

/**
 * Refuses a field the target cannot honour, or lets the mapper drop it when the caller or operator asked
 * to drop unsupported parameters. Returns true when the mapper should carry on without the field.
 */
export class FieldGate {
  constructor(
    readonly target: string,
    readonly dropUnsupported: boolean,
  ) {}

  /** Throws unless unsupported fields are dropped; then returns so the caller skips the field. */
  refuse(field: string, detail?: string): void {
    if (!this.dropUnsupported) throw new UnsupportedParameterError(field, this.target, detail);
  }

  /** Refuses every field set in the body whose handling is 'refused' (or unknown to the table) and is not a no-op value. */
  refuseUnhonoured(body: object, support: Record<string, FieldHandling>, isNoOp: (field: string, value: unknown) => boolean): void {
    for (const [field, value] of Object.entries(body)) {
      if (value === undefined || value === null) continue;
      const handling = support[field];
      if (handling === 'translated' || handling === 'ignored') continue;
      if (isNoOp(field, value)) continue;
      this.refuse(field, handling === undefined ? 'not a field this gateway knows how to translate' : undefined);
    }
  }
}
