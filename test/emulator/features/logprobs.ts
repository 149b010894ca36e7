/** Plausible, deterministic per-token log-probabilities in OpenAI's `logprobs.content` shape. */
import { wordSlices } from '../reply-builder';
import { fnv1a } from './hash';

/** One token with its log-probability, UTF-8 bytes and the most likely alternatives. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: Array<{ token: string; logprob: number; bytes: number[] }>;
}

const ALTERNATIVES = [' de', ' la', ' el', ' que', ' en', ' y', ' un', ' para', ' con', ' los', ' se', ' por', ' una', ' del', ' al', ' lo', ' como', ' más', ' su', ' es', ' o'];

/**
 * Each word of `text` (with its trailing space) is a token; its log-probability is in (-1, 0] from a hash of the
 * token, and `top` alternatives follow it, the token itself first, each less likely than the one before.
 */
export function tokenLogprobs(text: string, top: number): TokenLogprob[] {
  return wordSlices(text).map((token) => {
    const hash = fnv1a(token);
    const logprob = -((hash % 1000) / 1000);
    const alternatives = [token];
    for (let k = 0; alternatives.length < top && k < ALTERNATIVES.length; k++) {
      const candidate = ALTERNATIVES[(hash + k) % ALTERNATIVES.length];
      if (!alternatives.includes(candidate)) alternatives.push(candidate);
    }
    return {
      bytes: bytesOf(token),
      logprob,
      token,
      top_logprobs: alternatives.slice(0, top).map((alternative, rank) => ({ bytes: bytesOf(alternative), logprob: rank === 0 ? logprob : logprob - rank * 1.5, token: alternative })),
    };
  });
}

function bytesOf(token: string): number[] {
  return [...Buffer.from(token, 'utf8')];
}
