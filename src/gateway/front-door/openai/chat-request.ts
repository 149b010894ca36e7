import { BadRequestException } from '@nestjs/common';
import type { ChatBody } from '../../providers/provider';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

function numberIn(body: Record<string, unknown>, name: string, min: number, max: number, integer = false): void {
  const value = body[name];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new BadRequestException(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
}

/**
 * Checks what the gateway itself relies on (model, messages, the numbers it prices and caches by) and leaves
 * every other field as the caller wrote it: the vendor validates its own API, and fields added to the API
 * later pass through without a release.
 */
export function validateChatBody(body: unknown): ChatBody {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException('Body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || !b.model.trim()) throw new BadRequestException('model is required (see GET /v1/models, or use provider/model)');
  if (!Array.isArray(b.messages) || b.messages.length === 0) throw new BadRequestException('messages must be a non-empty array');
  b.messages.forEach((m: unknown, i) => {
    const message = m as { role?: unknown; content?: unknown; tool_calls?: unknown };
    if (!message || typeof message !== 'object') throw new BadRequestException(`messages[${i}] must be an object`);
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) throw new BadRequestException(`messages[${i}].role must be one of ${[...ROLES].join(', ')}`);
    const content = message.content;
    const emptyAllowed = message.role === 'assistant' && (message.tool_calls !== undefined || content === null);
    if (!(typeof content === 'string' || Array.isArray(content) || (emptyAllowed && (content === null || content === undefined)))) {
      throw new BadRequestException(`messages[${i}].content must be a string or an array of content parts`);
    }
  });
  numberIn(b, 'temperature', 0, 2);
  numberIn(b, 'top_p', 0, 1);
  numberIn(b, 'n', 1, 128, true);
  numberIn(b, 'max_tokens', 1, 1_000_000, true);
  numberIn(b, 'max_completion_tokens', 1, 1_000_000, true);
  if (b.stream !== undefined && typeof b.stream !== 'boolean') throw new BadRequestException('stream must be true or false');
  b.model = b.model.trim();
  return b as ChatBody;
}
