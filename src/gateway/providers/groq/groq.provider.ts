import { OpenAiCompatibleProvider, RefusedField } from '../openai-compatible/openai-compatible.provider';

/** The fields Groq documents as unsupported. */
export const GROQ_REFUSED: RefusedField[] = [
  { field: 'logprobs', when: (v) => v === true },
  { field: 'top_logprobs' },
  { field: 'logit_bias' },
  { field: 'n', when: (v) => v !== 1, detail: 'Groq answers one choice' },
  { field: 'audio' },
];

/** Groq speaks the OpenAI wire at its own base URL; it documents these fields as unsupported. */
export function createGroqProvider(apiKey: string, baseURL = 'https://api.groq.com/openai/v1') {
  return new OpenAiCompatibleProvider({
    id: 'groq',
    apiKey,
    baseURL,
    embeddings: false,
    refused: GROQ_REFUSED,
  });
}
