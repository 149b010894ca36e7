/** A bounded set of prompt prefixes already seen, standing in for vendor prompt caches. */
export class PromptCache {
  private readonly seen = new Set<string>();

  constructor(private readonly maxEntries = 2000) {}

  /** True when this prefix was stored before. */
  has(key: string): boolean {
    return this.seen.has(key);
  }

  /** Stores a prefix; the oldest one is evicted when full. */
  add(key: string): void {
    if (this.seen.has(key)) return;
    if (this.seen.size >= this.maxEntries) this.seen.delete(this.seen.values().next().value as string);
    this.seen.add(key);
  }

  /** Forgets every prefix. */
  clear(): void {
    this.seen.clear();
  }
}

/** A cacheable prefix of a prompt: its identity and its size in tokens. */
export interface CachePrefix {
  key: string;
  tokens: number;
}

/** Implicit caching (OpenAI, DeepSeek, Gemini): the repeated prefix counts as cached once seen and big enough. */
export function implicitCachedTokens(cache: PromptCache, prefix: CachePrefix, minTokens: number): number {
  if (prefix.tokens === 0 || prefix.tokens < minTokens) return 0;
  if (cache.has(prefix.key)) return prefix.tokens;
  cache.add(prefix.key);
  return 0;
}

/** Explicit breakpoints (Anthropic `cache_control`): the longest stored prefix is read, the rest up to the last breakpoint is written. */
export function explicitCacheUsage(cache: PromptCache, breakpoints: CachePrefix[]): { read: number; creation: number } {
  if (breakpoints.length === 0) return { read: 0, creation: 0 };
  let read = 0;
  for (let i = breakpoints.length - 1; i >= 0; i--) {
    if (cache.has(breakpoints[i].key)) {
      read = breakpoints[i].tokens;
      break;
    }
  }
  for (const point of breakpoints) cache.add(point.key);
  const last = breakpoints[breakpoints.length - 1].tokens;
  return { read, creation: Math.max(0, last - read) };
}
