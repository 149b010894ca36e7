import type { FinishReason, ProviderId, TokenUsage } from '../../llm.types';
import { NO_USAGE, ProviderError, type ProviderStreamChunk, type StreamedChunk } from '../provider';
import type { EventReading } from '../wire/event-batches';
import { isSpace, RelayedChunk } from './relayed-chunk';
import { finishReasonOf, usageFromOpenAi } from './openai-wire-usage';

/**
 * Reads an OpenAI-wire stream as its events arrive: each network read's chunks as one `chunks` item (kept as the
 * vendor's text, see RelayedChunk), then an `end` item with the finish reason and usage once the answer is complete.
 * Events after `[DONE]` are skipped, but the body is read to its end so the connection goes back to the pool.
 */
export class OpenAiStreamReading implements EventReading<ProviderStreamChunk> {
  readonly binary = true;
  private finishReason?: FinishReason;
  private usage?: TokenUsage;
  private done = false;
  private first = true;

  constructor(private readonly vendor: ProviderId) {}

  read(events: string[]): ProviderStreamChunk | undefined {
    const items: StreamedChunk[] = [];
    for (const data of events) {
      if (this.done || data === '[DONE]') {
        this.done = true;
        continue;
      }
      const item = new RelayedChunk(data, this.vendor);
      // The first chunk must at least look like a JSON object: a server that answers something else fails before the
      // gateway commits to it, so the next model in the chain can still answer.
      if (this.first) {
        this.first = false;
        if (!looksLikeJsonObject(data)) throw new ProviderError('malformed', `${this.vendor} streamed malformed JSON`, this.vendor);
      }
      if (item.mayReportError && (item.chunk as { error?: unknown }).error) throw new ProviderError('stream_interrupted', `${this.vendor} reported an error mid-stream`, this.vendor);
      if (item.finishReason === undefined) {
        for (const choice of item.chunk.choices ?? []) if (choice.finish_reason) this.finishReason = finishReasonOf(choice.finish_reason);
      } else if (item.finishReason) this.finishReason = finishReasonOf(item.finishReason);
      if (item.reportsUsage) this.usage = usageFromOpenAi(item.usage);
      items.push(item);
    }
    return items.length ? { type: 'chunks', items } : undefined;
  }

  end(): ProviderStreamChunk {
    if (!this.finishReason) throw new ProviderError('stream_interrupted', `${this.vendor} stream ended without a finish reason`, this.vendor);
    return { type: 'end', finishReason: this.finishReason, usage: this.usage ?? NO_USAGE };
  }
}

/** Whether the text begins with `{` and ends with `}` (spaces around them aside): the cheap check of a first chunk. */
function looksLikeJsonObject(text: string): boolean {
  let start = 0;
  let end = text.length - 1;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end))) end--;
  return text.charCodeAt(start) === 123 /* { */ && text.charCodeAt(end) === 125; /* } */
}
