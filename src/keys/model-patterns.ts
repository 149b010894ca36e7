/**
 * A key's model allow-list: each entry is an exact name, an alias the gateway resolves (`provider/model`,
 * the vendor's own model id) or a glob where `*` matches any run of characters and `?` one character.
 * An empty list allows every model. Matching ignores case.
 */
export function modelAllowed(allowList: readonly string[], names: readonly string[]): boolean {
  if (allowList.length === 0) return true;
  const candidates = names.filter(Boolean).map((n) => n.toLowerCase());
  return allowList.some((entry) => {
    const pattern = patternOf(entry);
    return candidates.some((name) => pattern.test(name));
  });
}

/** Compiled allow-list entries: keys hold few, and every request of a key with a list checks them. */
const patterns = new Map<string, RegExp>();

function patternOf(entry: string): RegExp {
  let pattern = patterns.get(entry);
  if (!pattern) {
    if (patterns.size >= 10_000) patterns.clear();
    pattern = globToRegExp(entry.toLowerCase());
    patterns.set(entry, pattern);
  }
  return pattern;
}

/** True for an allow-list entry with a wildcard. */
export const isGlob = (entry: string) => /[*?]/.test(entry);

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Problems with an allow-list entry as typed by an operator (empty when it is usable). */
export function modelPatternProblems(entry: string): string[] {
  const problems: string[] = [];
  if (!entry.trim()) problems.push('an allowed model must not be empty');
  else if (!/^[A-Za-z0-9._:/@*?-]+$/.test(entry)) problems.push(`"${entry}" may hold only letters, digits, . _ : / @ - and the wildcards * ?`);
  if (entry.length > 128) problems.push('an allowed model is at most 128 characters');
  return problems;
}
