/** A request to the Anthropic-compatible door that cannot be served as sent: a 400 naming the field. */
export class DoorRequestError extends Error {
  readonly isDoorRequestError = true;

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DoorRequestError';
  }
}

export function isDoorRequestError(error: unknown): error is DoorRequestError {
  return typeof error === 'object' && error !== null && (error as DoorRequestError).isDoorRequestError === true;
}
