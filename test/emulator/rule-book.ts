import type { EmulatorRule, EmulatorVendor, RuleState } from './emulator.types';

const VENDORS = new Set(['openai', 'anthropic', 'gemini', 'any']);

/** Scripted rules tried in the order they were added; the first matching rule with something left wins. */
export class RuleBook {
  private rules: Array<RuleState & { random?: () => number }> = [];
  private nextId = 1;

  constructor(private readonly defaultSeed: number) {}

  /** Validates and appends a rule. */
  add(rule: EmulatorRule): RuleState {
    const problem = ruleProblem(rule);
    if (problem) throw new InvalidRuleError(problem);
    const state = {
      id: this.nextId++,
      rule: { ...rule },
      hits: 0,
      remaining: rule.count ?? null,
      random: rule.probability === undefined ? undefined : seededRandom(rule.seed ?? this.defaultSeed),
    };
    this.rules.push(state);
    return snapshot(state);
  }

  /** The rule to apply to a request, consuming one use of it, or undefined for a normal answer. */
  take(vendor: EmulatorVendor, model: string): EmulatorRule | undefined {
    for (const state of this.rules) {
      if (state.remaining === 0 || !matches(state.rule, vendor, model)) continue;
      if (state.random && state.random() >= (state.rule.probability as number)) continue;
      state.hits++;
      if (state.remaining !== null) state.remaining--;
      return state.rule;
    }
    return undefined;
  }

  /** Copies of every rule with its hits and what is left. */
  list(): RuleState[] {
    return this.rules.map(snapshot);
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }
}

/** Raised for a rule that cannot be applied (unknown vendor, negative count, probability outside 0..1). */
export class InvalidRuleError extends Error {
  readonly kind = 'invalid-rule';
}

/** A small, fast, seedable generator (mulberry32) giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(rule: EmulatorRule, vendor: EmulatorVendor, model: string): boolean {
  if (rule.vendor && rule.vendor !== 'any' && rule.vendor !== vendor) return false;
  if (rule.model === undefined) return true;
  return rule.model.endsWith('*') ? model.startsWith(rule.model.slice(0, -1)) : rule.model === model;
}

function snapshot(state: RuleState): RuleState {
  return { id: state.id, rule: state.rule, hits: state.hits, remaining: state.remaining };
}

/** Why a rule cannot be applied, or undefined when it is valid. */
export function ruleProblem(rule: EmulatorRule): string | undefined {
  if (!rule || typeof rule !== 'object') return 'rule must be an object';
  if (rule.vendor !== undefined && !VENDORS.has(rule.vendor)) return `unknown vendor ${String(rule.vendor)}`;
  if (rule.count !== undefined && !(Number.isInteger(rule.count) && rule.count >= 0)) return 'count must be a non-negative integer';
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) return 'probability must be within 0..1';
  if (rule.status !== undefined && !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)) return 'status must be 400..599';
  if (rule.cutStreamAfterChunks !== undefined && !(rule.cutStreamAfterChunks >= 0)) return 'cutStreamAfterChunks must be >= 0';
  if (rule.stallStreamAfterChunks !== undefined && !(rule.stallStreamAfterChunks >= 0)) return 'stallStreamAfterChunks must be >= 0';
  if (rule.stallStreamAfterChunks !== undefined && rule.cutStreamAfterChunks !== undefined) return 'a stream is either cut or stalled, not both';
  return undefined;
}
