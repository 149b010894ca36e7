/** Turns a parsed request into the candidates the emulator answers with: tool calls, tool-result quotes, schema JSON or text. */
import type { EmulatorRule } from '../emulator.types';
import { defaultReply, firstWords, planReply, wordSlices } from '../reply-builder';
import type { Candidate, ParsedRequest, RequestFeatures } from '../wire/wire-format';
import { sampleFromSchema } from './schema-sample';
import { plannedToolCalls, toolCallTokens, toolResultReply } from './tools';

/** Prompt tokens billed per image part, whatever its size. */
export const IMAGE_TOKENS = 85;
const ECHOED_WORDS = 8;

/** One candidate per requested choice; `idPrefix` is the vendor's tool-call id prefix (`call_`, `toolu_`). */
export function planCandidates(request: ParsedRequest, rule: EmulatorRule | undefined, idPrefix: string, idSeed: string): Candidate[] {
  const { facts, features } = request;
  const candidates: Candidate[] = [];
  for (let index = 0; index < features.candidateCount; index++) {
    const toolCalls = rule?.reply === undefined && !rule?.contentFilter ? plannedToolCalls(features, facts.lastUserText, idPrefix, `${idSeed}:${index}`) : [];
    if (toolCalls.length > 0) {
      candidates.push({ chunks: [], finish: 'tool_calls', outputTokens: toolCallTokens(toolCalls), text: '', toolCalls });
      continue;
    }
    const { text, stopSequence } = cutAtStop(rule?.reply ?? contentText(request, index), features.stop);
    if (rule?.contentFilter) {
      candidates.push(filteredCandidate(text));
      continue;
    }
    const plan = planReply(text, facts.maxTokens);
    const finish = plan.truncated ? 'length' : stopSequence !== undefined ? 'stop_sequence' : 'stop';
    candidates.push({ chunks: plan.chunks, finish, outputTokens: plan.outputTokens, stopSequence: plan.truncated ? undefined : stopSequence, text: plan.text, toolCalls: [] });
  }
  return candidates;
}

/**
 * A tool-result turn quotes the results; a structured-output request gets JSON generated from its schema; otherwise
 * the default sentence, saying how many images arrived, with `(opción N)` for choices after the first and
 * `(semilla S)` when a seed was given.
 */
function contentText(request: ParsedRequest, index: number): string {
  const { facts, features } = request;
  if (features.toolResults) return toolResultReply(features.toolResults);
  if (features.outputSchema) return JSON.stringify(sampleFromSchema(features.outputSchema, firstWords(facts.lastUserText, ECHOED_WORDS)));
  const prefix = mediaNote(features);
  const suffix = `${index > 0 ? ` (opción ${index + 1})` : ''}${features.seed !== undefined ? ` (semilla ${features.seed})` : ''}`;
  return defaultReply(facts, { prefix, suffix });
}

/** `Recibí 1 imagen, 2 audios y 1 documento. ` for the media parts received, or nothing. */
function mediaNote(features: RequestFeatures): string {
  const parts = (
    [
      [features.imageCount, 'imagen', 'imágenes'],
      [features.audioCount, 'audio', 'audios'],
      [features.documentCount, 'documento', 'documentos'],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
  if (parts.length === 0) return '';
  const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} y ${parts[parts.length - 1]}`;
  return `Recibí ${listed}. `;
}

/** A content filter stops the answer halfway (at least one word is sent before it). */
function filteredCandidate(text: string): Candidate {
  const words = wordSlices(text);
  const kept = words
    .slice(0, Math.max(1, Math.floor(words.length / 2)))
    .join('')
    .trimEnd();
  const plan = planReply(kept, undefined);
  return { chunks: plan.chunks, finish: 'content_filter', outputTokens: plan.outputTokens, text: plan.text, toolCalls: [] };
}

/** The text before the earliest stop sequence, and which one matched. */
function cutAtStop(text: string, stops: string[]): { text: string; stopSequence?: string } {
  let best: { at: number; stop: string } | undefined;
  for (const stop of stops) {
    const at = stop ? text.indexOf(stop) : -1;
    if (at !== -1 && (!best || at < best.at)) best = { at, stop };
  }
  return best ? { stopSequence: best.stop, text: text.slice(0, best.at) } : { text };
}
