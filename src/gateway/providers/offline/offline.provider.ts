import { randomUUID } from 'node:crypto';
import { ChatBody, LlmProvider, NO_USAGE, ProviderCall, ProviderCompletion, ProviderStreamChunk } from '../provider';

/** The generic answer when a caller supplied no deterministic logic of its own. */
export const NO_VENDOR_ANSWER =
  'No hay un proveedor de IA disponible en este momento (sin configurar o fuera de servicio). Respuesta determinística: reintente más tarde o revise la configuración del servicio.';

/** Always present and last in the Odoo features' chains: answers from the caller's deterministic logic, at no cost. */
export class OfflineProvider implements LlmProvider {
  readonly id = 'offline' as const;

  check(): void {}

  async complete(_body: ChatBody, call: ProviderCall): Promise<ProviderCompletion> {
    const text = call.offlineText ? call.offlineText() : NO_VENDOR_ANSWER;
    return {
      completion: {
        id: `offline-${randomUUID()}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: 'offline',
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
      },
      usage: NO_USAGE,
      finishReason: 'offline',
    };
  }

  async *stream(body: ChatBody, call: ProviderCall): AsyncIterable<ProviderStreamChunk> {
    const { completion } = await this.complete(body, call);
    const text = completion.choices[0].message.content ?? '';
    for (const piece of text.match(/[\s\S]{1,200}/g) ?? ['']) {
      yield {
        type: 'chunks',
        items: [
          { chunk: { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: 'offline', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] } },
        ],
      };
    }
    yield { type: 'end', finishReason: 'offline', usage: NO_USAGE };
  }
}
