import { BadRequestException } from '@nestjs/common';

/** A model as Anthropic's Models API lists it. */
export interface AnthropicModel {
  type: 'model';
  id: string;
  display_name: string;
  /** RFC 3339; the catalog keeps no release dates, so the epoch says "unknown". */
  created_at: string;
}

/** One page of Anthropic's `GET /v1/models`. */
export interface AnthropicModelPage {
  data: AnthropicModel[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

const UNKNOWN_DATE = '1970-01-01T00:00:00Z';
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

export function anthropicModel(id: string): AnthropicModel {
  return { type: 'model', id, display_name: id, created_at: UNKNOWN_DATE };
}

/**
 * A page of the model ids in Anthropic's list shape, paged as Anthropic pages (`limit`, `after_id`, `before_id`), so
 * the SDK's auto-pagination walks the whole list.
 */
export function anthropicModelPage(ids: string[], query: Record<string, unknown>): AnthropicModelPage {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  if (query.after_id !== undefined && query.before_id !== undefined) throw new BadRequestException('send after_id or before_id, not both');
  let page: string[];
  let hasMore: boolean;
  if (query.before_id !== undefined) {
    const end = positionOf(ids, query.before_id, 'before_id');
    page = ids.slice(Math.max(0, end - limit), end);
    hasMore = end - limit > 0;
  } else {
    const start = query.after_id === undefined ? 0 : positionOf(ids, query.after_id, 'after_id') + 1;
    page = ids.slice(start, start + limit);
    hasMore = start + limit < ids.length;
  }
  return { data: page.map(anthropicModel), has_more: hasMore, first_id: page[0] ?? null, last_id: page.at(-1) ?? null };
}

function positionOf(ids: string[], id: unknown, field: string): number {
  const at = typeof id === 'string' ? ids.indexOf(id) : -1;
  if (at < 0) throw new BadRequestException(`${field}: "${String(id)}" is not a model of this list (GET /v1/models)`);
  return at;
}
