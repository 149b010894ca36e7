import { OpenAiCompatibleProvider, RefusedField } from '../openai-compatible/openai-compatible.provider';

/** What DeepSeek's API does not have. */
export const DEEPSEEK_REFUSED: RefusedField[] = [{ field: 'n', when: (v) => v !== 1, detail: 'DeepSeek answers one choice' }, { field: 'logit_bias' }, { field: 'audio' }];

/** DeepSeek speaks the OpenAI wire; it has no images, audio, n > 1 or embeddings. */
export function createDeepSeekProvider(apiKey: string, baseURL = 'https://api.deepseek.com/v1') {
  return new OpenAiCompatibleProvider({
    id: 'deepseek',
    apiKey,
    baseURL,
    embeddings: false,
    renamed: { max_completion_tokens: 'max_tokens' },
    refused: [{ field: 'n', when: (v) => v !== 1, detail: 'DeepSeek answers one choice' }, { field: 'logit_bias' }, { field: 'audio' }],
  });
}
