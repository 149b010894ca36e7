import { newToolCallId } from '../canonical-wire';

/**
 * Gemini 3 wants the `thoughtSignature` of a function call back with the call in the next request, and
 * an OpenAI client only keeps the tool-call id: the signature travels inside the id.
 */
const SIGNATURE_SEPARATOR = '__thought__';

/** Documented sentinel for a function call whose signature is unknown (history written by another model). */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

export function toolCallIdFor(functionCallId: string | undefined, thoughtSignature: string | undefined): string {
  const id = functionCallId || newToolCallId();
  return thoughtSignature ? `${id}${SIGNATURE_SEPARATOR}${thoughtSignature}` : id;
}

export function thoughtSignatureOf(toolCallId: string): string | undefined {
  const at = toolCallId.indexOf(SIGNATURE_SEPARATOR);
  return at < 0 ? undefined : toolCallId.slice(at + SIGNATURE_SEPARATOR.length) || undefined;
}
