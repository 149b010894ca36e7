/** Keeps the most recent request bodies per vendor so tests can assert what reached the vendor. */
import type { IncomingHttpHeaders } from 'node:http';

import type { EmulatorVendor, RecordedRequest } from '../emulator.types';

const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'x-goog-api-key', 'api-key']);
const CREDENTIAL_QUERY = new Set(['key', 'api_key']);

/**
 * A bounded log of received vendor calls, with credentials reduced to their last 4 characters. The oldest entries are
 * dropped beyond `max` entries or `maxChars` characters of raw bodies (64 MB by default: base64 images add up).
 */
export class RequestRecorder {
  private entries: RecordedRequest[] = [];
  private sizes: number[] = [];
  private chars = 0;

  constructor(
    private readonly max: number,
    private readonly maxChars = 64 * 1024 * 1024,
  ) {}

  /** Notes one parsed request whose raw body had `size` characters. */
  record(vendor: EmulatorVendor, method: string, path: string, query: string, headers: IncomingHttpHeaders, body: unknown, size: number): void {
    if (this.max <= 0) return;
    this.entries.push({ at: Date.now(), body, headers: redactHeaders(headers), method, path, query: redactQuery(query), vendor });
    this.sizes.push(size);
    this.chars += size;
    while (this.entries.length > 1 && (this.entries.length > this.max || this.chars > this.maxChars)) {
      this.entries.shift();
      this.chars -= this.sizes.shift() ?? 0;
    }
  }

  /** Recorded requests, oldest first, optionally for one vendor. */
  list(vendor?: EmulatorVendor): RecordedRequest[] {
    return vendor ? this.entries.filter((entry) => entry.vendor === vendor) : [...this.entries];
  }

  /** The most recent request, optionally for one vendor. */
  last(vendor?: EmulatorVendor): RecordedRequest | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (!vendor || this.entries[i].vendor === vendor) return this.entries[i];
    return undefined;
  }

  clear(): void {
    this.entries = [];
    this.sizes = [];
    this.chars = 0;
  }
}

function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = CREDENTIAL_HEADERS.has(name) ? redact(text) : text;
  }
  return out;
}

function redactQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) out[name] = CREDENTIAL_QUERY.has(name) ? redact(value) : value;
  return out;
}

/** `…abcd`: enough to tell which key was used, not enough to use it. */
function redact(secret: string): string {
  return `…${secret.slice(-4)}`;
}
