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

  /** Refuses every field set in the body whose handling is 'refused' (or unknown to the table) unless it holds OpenAI's default. */
  refuseUnhonoured(body: object, support: Record<string, FieldHandling>): void {
    for (const [field, value] of Object.entries(body)) {
      if (value === undefined || value === null) continue;
      const handling = support[field];
      if (handling === 'translated' || handling === 'ignored') continue;
      if (isOpenAiDefault(field, value)) continue;
      this.refuse(field, handling === undefined ? 'not a field this gateway knows how to translate' : undefined);
    }
  }
}

/** Values that ask for nothing beyond OpenAI's defaults, so a target lacking the field still honours them. */
export function isOpenAiDefault(field: string, value: unknown): boolean {
  switch (field) {
    case 'n':
      return value === 1;
    case 'logprobs':
      return value === false;
    case 'parallel_tool_calls':
      return value === true;
    case 'frequency_penalty':
    case 'presence_penalty':
      return value === 0;
    case 'logit_bias':
      return typeof value === 'object' && Object.keys(value as object).length === 0;
    case 'modalities':
      return Array.isArray(value) && value.every((modality) => modality === 'text');
    case 'functions':
      return Array.isArray(value) && value.length === 0;
    default:
      return false;
  }
}
