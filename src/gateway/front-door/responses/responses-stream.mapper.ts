import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { responseEnvelope, responseIds, responseStatus, responseUsage, type ResponseEcho } from './responses-response.mapper';

type Json = Record<string, unknown>;

/** One event of a Responses stream: sent as `event: <type>` and `data: <the event as JSON>`. */
export type ResponsesSseEvent = Json & { type: string; sequence_number: number };

interface OpenText {
  outputIndex: number;
  text: string;
}

interface FunctionCallItem {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: 'in_progress' | 'completed';
}

interface OpenCall {
  outputIndex: number;
  item: FunctionCallItem;
}

/**
 * The gateway's canonical (OpenAI chat) chunks → the Responses API's stream events, in the order OpenAI sends them:
 * response.created and response.in_progress; for text, an output message item with one output_text part
 * (output_item.added, content_part.added, output_text.delta…, then the .done events); for each tool call, a
 * function_call item (output_item.added, function_call_arguments.delta…, .done); and response.completed (or
 * response.incomplete when cut by the token limit) with the whole response and its usage. Chat streams send usage
 * after the finish reason, so the closing events wait for finish().
 */
export class ChatToResponsesStream {
  private sequence = 0;
  private started = false;
  private finished = false;
  private readonly items: object[] = [];
  private text?: OpenText;
  private readonly calls = new Map<number, OpenCall>();
  private finishReason: string | null = null;
  private usage: CompletionUsage | null | undefined;
  private readonly ids: ReturnType<typeof responseIds>;

  constructor(private readonly echo: ResponseEcho) {
    this.ids = responseIds(echo.requestId);
  }

  push(chunk: ChatCompletionChunk): ResponsesSseEvent[] {
    const events = this.start();
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices.find((candidate) => candidate.index === 0);
    if (!choice) return events;
    if (choice.delta.content) events.push(...this.textDelta(choice.delta.content));
    for (const call of choice.delta.tool_calls ?? []) events.push(...this.callDelta(call));
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return events;
  }

  /** Closes every open item and ends the response with its status and usage (and `extra` fields); once. */
  finish(extra: Json = {}): ResponsesSseEvent[] {
    if (this.finished) return [];
    this.finished = true;
    const events = [...this.start(), ...this.closeText()];
    for (const call of this.calls.values()) {
      const item: FunctionCallItem = Object.assign({}, call.item, { status: 'completed' as const });
      events.push(this.event('response.function_call_arguments.done', { item_id: item.id, output_index: call.outputIndex, name: item.name, arguments: item.arguments }));
      events.push(this.event('response.output_item.done', { output_index: call.outputIndex, item }));
      this.items[call.outputIndex] = item;
    }
    const { status, incomplete_details } = responseStatus(this.finishReason);
    const response = Object.assign(responseEnvelope(this.echo, status), { incomplete_details, output: this.items, usage: responseUsage(this.usage) }, extra);
    events.push(this.event(status === 'completed' ? 'response.completed' : 'response.incomplete', { response }));
    return events;
  }

  /** The event that tells the caller a stream broke off after it started. */
  failure(message: string): ResponsesSseEvent {
    return this.event('error', { code: 'stream_interrupted', message, param: null });
  }

  private start(): ResponsesSseEvent[] {
    if (this.started) return [];
    this.started = true;
    const response = responseEnvelope(this.echo, 'in_progress');
    return [this.event('response.created', { response }), this.event('response.in_progress', { response })];
  }

  private textDelta(delta: string): ResponsesSseEvent[] {
    const events: ResponsesSseEvent[] = [];
    if (!this.text) {
      this.text = { outputIndex: this.items.length, text: '' };
      const item = { type: 'message', id: this.ids.message, status: 'in_progress', role: 'assistant', content: [] };
      this.items.push(item);
      events.push(this.event('response.output_item.added', { output_index: this.text.outputIndex, item }));
      events.push(this.event('response.content_part.added', this.textPosition({ part: { type: 'output_text', text: '', annotations: [], logprobs: [] } })));
    }
    this.text.text += delta;
    events.push(this.event('response.output_text.delta', this.textPosition({ delta, logprobs: [] })));
    return events;
  }

  private closeText(): ResponsesSseEvent[] {
    if (!this.text) return [];
    const { outputIndex, text } = this.text;
    const part = { type: 'output_text', text, annotations: [], logprobs: [] };
    const item = { type: 'message', id: this.ids.message, status: 'completed', role: 'assistant', content: [part] };
    const events = [
      this.event('response.output_text.done', this.textPosition({ text, logprobs: [] })),
      this.event('response.content_part.done', this.textPosition({ part })),
      this.event('response.output_item.done', { output_index: outputIndex, item }),
    ];
    this.items[outputIndex] = item;
    this.text = undefined;
    return events;
  }

  private callDelta(call: ChatCompletionChunk.Choice.Delta.ToolCall): ResponsesSseEvent[] {
    const events: ResponsesSseEvent[] = [];
    let open = this.calls.get(call.index);
    if (!open) {
      if (!call.id && !call.function?.name) return events;
      events.push(...this.closeText());
      const id = this.ids.functionCall(call.index);
      const item: FunctionCallItem = { type: 'function_call', id, call_id: call.id ?? id, name: call.function?.name ?? '', arguments: '', status: 'in_progress' };
      open = { outputIndex: this.items.length, item };
      this.items.push(item);
      this.calls.set(call.index, open);
      events.push(this.event('response.output_item.added', { output_index: open.outputIndex, item: { ...item } }));
    }
    const fragment = call.function?.arguments;
    if (fragment) {
      open.item.arguments += fragment;
      events.push(this.event('response.function_call_arguments.delta', { item_id: open.item.id, output_index: open.outputIndex, delta: fragment }));
    }
    return events;
  }

  /** The open text part's place, with an event's own fields. */
  private textPosition(fields: Json): Json {
    return Object.assign({ item_id: this.ids.message, output_index: this.text!.outputIndex, content_index: 0 }, fields);
  }

  private event(type: string, fields: Json): ResponsesSseEvent {
    return Object.assign({ type }, fields, { sequence_number: this.sequence++ });
  }
}
