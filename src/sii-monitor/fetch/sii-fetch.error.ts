/** Why a page could not be fetched (an HTTP status such as 404 is a result, not an error). */
export type SiiFetchErrorKind = 'invalid_url' | 'host_not_allowed' | 'too_many_redirects' | 'too_large' | 'timeout' | 'network' | 'aborted';

/** A failed page fetch, with a kind callers can branch on. */
export class SiiFetchError extends Error {
  constructor(
    readonly kind: SiiFetchErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SiiFetchError';
  }
}

/** True when the value is a SiiFetchError. */
export function isSiiFetchError(value: unknown): value is SiiFetchError {
  return value instanceof SiiFetchError;
}

/** Timeouts and network failures are worth another attempt; policy refusals and size caps are not. */
export function isRetryableFetchError(error: unknown): boolean {
  return isSiiFetchError(error) && (error.kind === 'timeout' || error.kind === 'network');
}
