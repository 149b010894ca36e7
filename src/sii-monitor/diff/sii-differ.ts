import type { SiiParsedItem } from '../parsing/sii-item';

/** What one parsed page means against what is stored. */
export interface SiiDiff {
  newItems: SiiParsedItem[];
  changedItems: SiiParsedItem[];
  unchanged: SiiParsedItem[];
  /** Human-readable problems with the parse itself (empty page, duplicate keys). */
  warnings: string[];
}

/**
 * Compares the items parsed from a page that answered 200 with the stored content hashes (key → hash):
 * a key never seen is new, a known key with another hash changed; order and surroundings never matter.
 * Zero items from a 200 page is a warning (the layout probably changed), never "nothing published".
 */
export function diffItems(stored: ReadonlyMap<string, string>, parsed: readonly SiiParsedItem[]): SiiDiff {
  const diff: SiiDiff = { newItems: [], changedItems: [], unchanged: [], warnings: [] };
  if (parsed.length === 0) {
    diff.warnings.push('the page answered 200 but no items were parsed: the layout may have changed');
    return diff;
  }
  const seen = new Set<string>();
  for (const item of parsed) {
    if (seen.has(item.key)) {
      diff.warnings.push(`duplicate item key ${item.key} ignored`);
      continue;
    }
    seen.add(item.key);
    const storedHash = stored.get(item.key);
    if (storedHash === undefined) diff.newItems.push(item);
    else if (storedHash !== item.contentHash) diff.changedItems.push(item);
    else diff.unchanged.push(item);
  }
  return diff;
}
