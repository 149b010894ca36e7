import { isRetryableFetchError, SiiFetchError } from './sii-fetch.error';

/** Limits and identity for one page fetch. */
export interface FetchPageOptions {
  /** Exact hosts that may be contacted (`www.sii.cl`, or `host:port`); redirects are re-checked against it. */
  allowedHosts: readonly string[];
  /** Per attempt, body included. */
  timeoutMs: number;
  maxBytes: number;
  /** Extra attempts after the first on 5xx, timeouts and network errors. */
  retries: number;
  userAgent: string;
  signal?: AbortSignal;
  /** First backoff delay; doubles per attempt. Default 500 ms. */
  backoffMs?: number;
  maxRedirects?: number;
}

/** The outcome of a fetch that reached a server: any status; body only for 2xx. */
export interface FetchPageResult {
  status: number;
  /** URL after redirects. */
  url: string;
  contentType: string | null;
  body: Uint8Array | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Builds the honest User-Agent the monitor sends. */
export function siiUserAgent(version: string, contact: string): string {
  return `odoo-ai-gateway-sii-monitor/${version} (+${contact})`;
}

/** Validates that a URL is http(s), carries no credentials and targets an allowed host; returns it parsed. */
export function assertAllowedUrl(raw: string, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SiiFetchError('invalid_url', `not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SiiFetchError('invalid_url', `only http(s) URLs may be fetched: ${url.protocol}`);
  }
  if (url.username || url.password) throw new SiiFetchError('invalid_url', 'URLs with credentials are refused');
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  const allowed = allowedHosts.some((entry) => {
    const wanted = entry.trim().toLowerCase();
    return wanted === host || (!wanted.includes(':') && wanted === hostname);
  });
  if (!allowed) throw new SiiFetchError('host_not_allowed', `host ${host} is not in the allowed hosts`);
  return url;
}

/**
 * GETs a page from an allowed host: redirects followed by hand and re-checked, a per-attempt timeout, retries with
 * exponential backoff on 5xx and network errors, and the body streamed up to maxBytes. 4xx come back as results.
 */
export async function fetchPage(url: string, options: FetchPageOptions): Promise<FetchPageResult> {
  const backoffMs = options.backoffMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= options.retries;
    try {
      const result = await fetchOnce(url, options);
      if (result.status < 500 || last) return result;
    } catch (error) {
      if (last || !isRetryableFetchError(error)) throw error;
    }
    await sleep(backoffMs * 2 ** attempt, options.signal);
  }
}

async function fetchOnce(startUrl: string, options: FetchPageOptions): Promise<FetchPageResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let url = assertAllowedUrl(startUrl, options.allowedHosts);
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, {
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'user-agent': options.userAgent },
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location) {
        await response.body?.cancel();
        if (hop >= (options.maxRedirects ?? 5)) throw new SiiFetchError('too_many_redirects', `more than ${hop} redirects`);
        url = assertAllowedUrl(new URL(location, url).toString(), options.allowedHosts);
        continue;
      }
      const result = { status: response.status, url: url.toString(), contentType: response.headers.get('content-type') };
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        return { ...result, body: null };
      }
      return { ...result, body: await readCapped(response, options.maxBytes) };
    }
  } catch (error) {
    if (error instanceof SiiFetchError) throw error;
    if (options.signal?.aborted) throw new SiiFetchError('aborted', 'fetch aborted by caller', { cause: error });
    if (timeout.aborted) throw new SiiFetchError('timeout', `no complete answer within ${options.timeoutMs} ms`, { cause: error });
    throw new SiiFetchError('network', `network error: ${(error as Error).message}`, { cause: error });
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new SiiFetchError('too_large', `page declares ${declared} bytes, over the ${maxBytes} byte cap`);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new SiiFetchError('too_large', `page exceeds the ${maxBytes} byte cap`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SiiFetchError('aborted', 'fetch aborted by caller'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SiiFetchError('aborted', 'fetch aborted by caller'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
