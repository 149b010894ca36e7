import { LlmProvider, NO_USAGE, ProviderCall, ProviderCompletion, ProviderStreamChunk } from '../provider';

/** The generic answer when a caller supplied no deterministic logic of its own. */
export const NO_VENDOR_ANSWER =
  'No hay un proveedor de IA disponible en este momento (sin configurar o fuera de servicio). Respuesta determinística: reintente más tarde o revise la configuración del servicio.';

/** Always present and last in every chain: answers from the caller's deterministic logic, at no cost. */
export class OfflineProvider implements LlmProvider {
  readonly id = 'offline' as const;

  async complete(call: ProviderCall): Promise<ProviderCompletion> {
    const text = call.request.offline ? call.request.offline(call.request) : NO_VENDOR_ANSWER;
    return { text, finishReason: 'offline', usage: NO_USAGE };
  }

  async *stream(call: ProviderCall): AsyncIterable<ProviderStreamChunk> {
    const { text } = await this.complete(call);
    for (const piece of text.match(/[\s\S]{1,200}/g) ?? ['']) yield { type: 'text', text: piece };
    yield { type: 'end', finishReason: 'offline', usage: NO_USAGE };
  }
}
