import type { IncomingHttpHeaders } from 'node:http';

import type { EmulatorVendor } from './emulator.types';
import { type EmbeddingsApi, geminiEmbeddings, openAiEmbeddings } from './features/embeddings';
import { anthropicWire } from './wire/anthropic-wire';
import { geminiWire } from './wire/gemini-wire';
import { openAiWire } from './wire/openai-wire';
import type { WireFormat } from './wire/wire-format';

/** A vendor call the emulator knows how to answer. */
export type Route =
  | { kind: 'generate'; wire: WireFormat; model?: string; stream?: boolean; groq?: boolean }
  | { kind: 'count-tokens'; wire: WireFormat }
  | { kind: 'embeddings'; wire: WireFormat; api: EmbeddingsApi; model?: string }
  | { kind: 'models'; vendor: EmulatorVendor };

const GEMINI_CALL = /\/models\/([^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/;
/** Groq serves the OpenAI wire under `https://api.groq.com/openai/v1` and has no embeddings endpoint. */
const GROQ_PATH = '/openai/v1/';
const GEMINI_EMBED = geminiEmbeddings(false);
const GEMINI_BATCH_EMBED = geminiEmbeddings(true);

/** Maps method + path to a vendor call by path suffix, so any prefix (`/v1`, `/openai/v1`, none) works. */
export function resolveRoute(method: string, path: string, headers: IncomingHttpHeaders): Route | undefined {
  if (method === 'POST') {
    if (path.endsWith('/chat/completions')) return { groq: path.includes(GROQ_PATH), kind: 'generate', wire: openAiWire };
    if (path.endsWith('/messages')) return { kind: 'generate', wire: anthropicWire };
    if (path.endsWith('/messages/count_tokens')) return { kind: 'count-tokens', wire: anthropicWire };
    if (path.endsWith('/embeddings') && !path.includes(GROQ_PATH)) return { api: openAiEmbeddings, kind: 'embeddings', wire: openAiWire };
    const gemini = GEMINI_CALL.exec(path);
    if (!gemini) return undefined;
    const model = decodeURIComponent(gemini[1]);
    if (gemini[2] === 'embedContent') return { api: GEMINI_EMBED, kind: 'embeddings', model, wire: geminiWire };
    if (gemini[2] === 'batchEmbedContents') return { api: GEMINI_BATCH_EMBED, kind: 'embeddings', model, wire: geminiWire };
    return { kind: 'generate', model, stream: gemini[2] === 'streamGenerateContent', wire: geminiWire };
  }
  if (method === 'GET' && path.endsWith('/models')) {
    if (headers['anthropic-version']) return { kind: 'models', vendor: 'anthropic' };
    return { kind: 'models', vendor: path.includes('v1beta') ? 'gemini' : 'openai' };
  }
  return undefined;
}

const MODELS: Record<EmulatorVendor, string[]> = {
  anthropic: ['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-4-7'],
  gemini: ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.5-flash-lite', 'gemini-3-pro-preview', 'gemini-embedding-001'],
  openai: ['gpt-4o-mini', 'gpt-4o', 'gpt-5-mini', 'o4-mini', 'llama-3.3-70b-versatile', 'deepseek-chat', 'deepseek-reasoner', 'text-embedding-3-small', 'text-embedding-3-large'],
};

/** The vendor's model-list body. */
export function modelList(vendor: EmulatorVendor): unknown {
  const ids = MODELS[vendor];
  if (vendor === 'gemini')
    return { models: ids.map((id) => ({ displayName: id, name: `models/${id}`, supportedGenerationMethods: id.includes('embedding') ? ['embedContent'] : ['generateContent'] })) };
  if (vendor === 'anthropic') {
    const data = ids.map((id) => ({ created_at: '2025-01-01T00:00:00Z', display_name: id, id, type: 'model' }));
    return { data, first_id: ids[0], has_more: false, last_id: ids[ids.length - 1] };
  }
  return { data: ids.map((id) => ({ created: 1735689600, id, object: 'model', owned_by: 'emulator' })), object: 'list' };
}
