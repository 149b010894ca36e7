import { type Scenario, scenarioFamily, type Target } from './comparison';
import { PortkeyChild } from './portkey-child';
import { ServiceChild } from './service-child';

export const BENCH_MODEL = 'gpt-4o-mini';
export const BENCH_PROMPT = 'Resume en una frase la factura electrónica 1234 del proveedor Ferretería Los Andes.';

/** The matrix: both emulators × non-streaming/streaming × each fixed rate and maximum throughput. */
export function scenarioMatrix(rates: number[], connections: number, only?: string): Scenario[] {
  const list: Scenario[] = [];
  for (const emulator of ['instant', 'latency'] as const) {
    for (const stream of [false, true]) {
      const family = scenarioFamily({ emulator, stream });
      for (const rate of rates) list.push({ name: `${family} @${rate} req/s`, emulator, stream, shape: 'rate', rate });
      list.push({ name: `${family} ${connections} conns max`, emulator, stream, shape: 'max' });
    }
  }
  return only ? list.filter((s) => s.name.includes(only)) : list;
}

/** The chat completion body every target receives. */
export function requestBody(stream: boolean): string {
  return JSON.stringify({ model: BENCH_MODEL, messages: [{ role: 'user', content: BENCH_PROMPT }], max_tokens: 64, stream });
}

/** URL and headers that send the same request straight to the emulator, through our gateway, or through Portkey. */
export function endpoint(target: Target, urls: { emulator: string; floor: string; ours: string; portkey: string }): { url: string; headers: Record<string, string> } {
  if (target === 'direct') return { url: `${urls.emulator}/v1/chat/completions`, headers: { authorization: 'Bearer x' } };
  if (target === 'floor') return { url: `${urls.floor}/v1/chat/completions`, headers: { authorization: 'Bearer x' } };
  if (target === 'ours') return { url: `${urls.ours}/v1/chat/completions`, headers: ServiceChild.auth() };
  return { url: `${urls.portkey}/v1/chat/completions`, headers: PortkeyChild.headers(urls.emulator) };
}

/** Sends one request and throws unless it is a real upstream answer (only the emulator writes 'Respuesta simulada': a fallback to the offline provider would not). */
export async function smokeCheck(target: Target, url: string, headers: Record<string, string>, stream: boolean): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: requestBody(stream), signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  const problem =
    res.status !== 200
      ? `status ${res.status}`
      : !text.includes('Respuesta simulada')
        ? 'no emulator answer in the body'
        : stream && !text.includes('[DONE]')
          ? 'stream did not end with [DONE]'
          : undefined;
  if (problem) throw new Error(`smoke check ${target} (${stream ? 'stream' : 'json'}) failed: ${problem}: ${text.slice(0, 500)}`);
}
