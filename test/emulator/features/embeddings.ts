/** Deterministic embeddings for the OpenAI `embeddings` and Gemini `embedContent` / `batchEmbedContents` calls. */
import { textOf, tokensForChars } from '../reply-builder';
import { seededRandom } from '../rule-book';
import { BadRequestError } from '../wire/wire-format';
import { fnv1a } from './hash';

/** An embeddings call reduced to what the emulator needs. */
export interface EmbeddingRequest {
  model: string;
  texts: string[];
  dimensions: number;
  inputTokens: number;
}

/** One vendor's embeddings API: parse (throwing `BadRequestError`) and render. */
export interface EmbeddingsApi {
  parse(body: Record<string, unknown>, pathModel: string | undefined): EmbeddingRequest & { base64?: boolean };
  body(request: EmbeddingRequest & { base64?: boolean }): unknown;
}

const MAX_INPUTS = 2048;
const OPENAI_FIELDS = new Set(['input', 'model', 'dimensions', 'encoding_format', 'user']);

/**
 * A unit vector for `text`: the sum of one pseudo-random vector per word (lower-cased, accents stripped), seeded by a
 * hash of the word, then normalised — so the same text always gives the same vector and texts sharing words point in
 * similar directions. A prefix of the vector, renormalised, is the vector at fewer dimensions (as OpenAI's `dimensions`).
 */
export function embedText(text: string, dimensions: number): number[] {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[a-z0-9]+/g) ?? [text];
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words) {
    const random = seededRandom(fnv1a(word));
    for (let i = 0; i < dimensions; i++) vector[i] += random() * 2 - 1;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}

/** OpenAI `POST <prefix>/embeddings`: `input` a string, strings, or token arrays; `dimensions` for text-embedding-3 models; float or base64. */
export const openAiEmbeddings: EmbeddingsApi = {
  parse(body) {
    const { model, input } = body;
    if (typeof model !== 'string' || !model) throw new BadRequestError('you must provide a model parameter');
    const unknown = Object.keys(body).find((key) => !OPENAI_FIELDS.has(key));
    if (unknown) throw new BadRequestError(`Unrecognized request argument supplied: ${unknown}`);
    const texts = openAiInputs(input);
    const format = body.encoding_format ?? 'float';
    if (format !== 'float' && format !== 'base64') throw new BadRequestError(`Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`, 'encoding_format');
    const native = model.includes('-large') ? 3072 : 1536;
    let dimensions = native;
    if (body.dimensions != null) {
      if (!model.startsWith('text-embedding-3')) throw new BadRequestError('This model does not support specifying dimensions.', 'dimensions');
      if (!Number.isInteger(body.dimensions) || (body.dimensions as number) < 1 || (body.dimensions as number) > native) {
        throw new BadRequestError(`Invalid 'dimensions': expected an integer between 1 and ${native}, but got ${JSON.stringify(body.dimensions)} instead.`, 'dimensions');
      }
      dimensions = body.dimensions as number;
    }
    const inputTokens = Array.isArray(input) && Array.isArray(input[0]) ? (input as number[][]).reduce((sum, tokens) => sum + tokens.length, 0) : textTokens(texts);
    return { base64: format === 'base64', dimensions, inputTokens, model, texts };
  },

  body(request) {
    return {
      data: request.texts.map((text, index) => {
        const vector = embedText(text, request.dimensions);
        return { embedding: request.base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector, index, object: 'embedding' };
      }),
      model: request.model,
      object: 'list',
      usage: { prompt_tokens: request.inputTokens, total_tokens: request.inputTokens },
    };
  },
};

/** Gemini `models/{model}:embedContent` (one `content`) or `:batchEmbedContents` (`requests[]`, each naming the same model). */
export function geminiEmbeddings(batch: boolean): EmbeddingsApi {
  return {
    parse(body, pathModel) {
      const model = pathModel ?? '';
      const requests = batch ? body.requests : [body];
      if (!Array.isArray(requests) || requests.length === 0) throw new BadRequestError('* BatchEmbedContentsRequest.requests: requests must not be empty.');
      if (requests.length > 100) throw new BadRequestError('* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch.');
      let dimensions: number | undefined;
      const texts = (requests as Array<{ model?: unknown; content?: { parts?: unknown }; outputDimensionality?: unknown }>).map((request, index) => {
        const at = batch ? `BatchEmbedContentsRequest.requests[${index}]` : 'EmbedContentRequest';
        if (batch && request?.model !== `models/${model}`) {
          throw new BadRequestError(`* ${at}.model: model in the request (${String(request?.model)}) must match the model in the URL (models/${model}).`);
        }
        const text = textOf(request?.content?.parts);
        if (!text) throw new BadRequestError(`* ${at}.content: content must not be empty.`);
        dimensions = geminiDimensions(model, request.outputDimensionality, at);
        return text;
      });
      return { dimensions: dimensions ?? geminiDimensions(model, undefined, ''), inputTokens: textTokens(texts), model, texts };
    },

    body(request) {
      const embeddings = request.texts.map((text) => ({ values: embedText(text, request.dimensions) }));
      return batch ? { embeddings } : { embedding: embeddings[0] };
    },
  };
}

function openAiInputs(input: unknown): string[] {
  const invalid = () => new BadRequestError("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", 'input');
  if (typeof input === 'string') {
    if (!input) throw invalid();
    return [input];
  }
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_INPUTS) throw invalid();
  if (input.every((item) => typeof item === 'number')) return [input.join(' ')];
  return input.map((item) => {
    if (typeof item === 'string' && item) return item;
    if (Array.isArray(item) && item.length > 0 && item.every((token) => typeof token === 'number')) return item.join(' ');
    throw invalid();
  });
}

function geminiDimensions(model: string, requested: unknown, at: string): number {
  const native = model.startsWith('gemini-embedding') ? 3072 : 768;
  if (requested == null) return native;
  if (!Number.isInteger(requested) || (requested as number) < 1 || (requested as number) > native) {
    throw new BadRequestError(`* ${at}.output_dimensionality: must be between 1 and ${native}.`);
  }
  return requested as number;
}

function textTokens(texts: string[]): number {
  return texts.reduce((sum, text) => sum + tokensForChars(text.length), 0);
}
