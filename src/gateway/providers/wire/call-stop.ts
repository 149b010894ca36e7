import type { Abortable } from 'src/common/abort/abortable';

/**
 * What ends one vendor call before its answer does: its own timer (LLM_TIMEOUT_MS, so a hung attempt ends on time and
 * the next retry or target keeps the rest of the deadline), the request's signal, or its consumer. The first reason
 * is the one kept; undici's abort is used as soon as the call has connected (at once if it was stopped before).
 * No AbortController per attempt.
 */
export class CallStop {
  /** Why the call was stopped, once it was. */
  reason: Error | undefined;
  private abortRequest: ((reason: Error) => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.stop(this.signal.reason as Error);

  constructor(
    private readonly signal: Abortable,
    timeoutMs: number,
    timedOut: () => Error,
  ) {
    this.timer = setTimeout(() => this.stop(timedOut()), timeoutMs);
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** For undici's onConnect. */
  connected(abort: (reason: Error) => void): void {
    this.abortRequest = abort;
    if (this.reason) abort(this.reason);
  }

  stop(reason: Error): void {
    this.reason ??= reason;
    this.abortRequest?.(reason);
  }

  /** The timer covers only the wait for the answer's headers (a stream may then take as long as it streams). */
  headersIn(): void {
    clearTimeout(this.timer);
  }

  /** The call is over: neither the timer nor the signal can stop it any more. */
  settle(): void {
    clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.onAbort);
  }
}
