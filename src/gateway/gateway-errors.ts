import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import type { ProviderError } from './providers/provider';
import type { RouteTarget } from './routing/router';

/** Anything in a vendor's text that looks like a credential or an account id, masked before a caller or the log sees it. */
export function redactVendorText(text: string): string {
  return text
    .replace(/\b(sk|pk|rk|key|gsk|AIza)[-_A-Za-z0-9]{8,}/g, '[redacted]')
    .replace(/\b(org|proj|acct|user)[-_][A-Za-z0-9]{6,}/g, '[redacted]')
    .slice(0, 300);
}

/**
 * A vendor rejected the caller's own request (4xx): never retried, never a fallback. The caller needs the
 * vendor's reason to fix the request, so it is passed on with credentials and account ids masked.
 */
export class UpstreamRequestError extends HttpException {
  constructor(readonly providerError: ProviderError) {
    const status = providerError.status && providerError.status < 500 && providerError.status !== 401 && providerError.status !== 403 ? providerError.status : 400;
    const reason = providerError.vendorMessage ? `: ${redactVendorText(providerError.vendorMessage)}` : ` (HTTP ${providerError.status ?? 400})`;
    super(`The ${providerError.provider} API rejected the request${reason}`, status);
  }
}

/** A stream that failed after text was sent: it must end with an error, never a clean end. */
export class StreamInterruptedError extends Error {
  readonly kind = 'stream_interrupted';
}

export interface TargetFailure {
  target: string;
  /** For the caller: a reason code, or the refusal's own words. */
  reason: string;
  /** The reason code when `reason` is words (the fallback metric's label). */
  code?: string;
}

/** No target could serve a proxy request (nothing configured, every breaker open, every vendor failing). */
export class NoTargetServedError extends HttpException {
  constructor(readonly failures: TargetFailure[]) {
    super(
      failures.length
        ? `No provider could serve the request: ${failures.map((f) => `${f.target}: ${f.reason}`).join('; ')}`
        : 'No provider could serve the request: no configured vendor serves this model',
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

export function targetName(target: RouteTarget): string {
  return target.provider === 'offline' ? 'offline' : `${target.provider}/${target.vendorModel}`;
}

export class UnpricedModelError extends BadRequestException {}
