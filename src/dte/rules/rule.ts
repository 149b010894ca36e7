/** The contract every DTE rule implements, and the finding it reports. */
import type { DteType } from '../dte.constants';
import type { DteContext, NormalizedDte } from '../normalize/normalized-dte';

export type Severity = 'block' | 'warn' | 'info';

/** One problem (or note) a rule found, worded for a bookkeeper. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Where in the payload: `Totales.MntTotal` for the SII form, `dte_data.monto_total` for the addon form. */
  path: string;
  message: string;
  expected?: unknown;
  found?: unknown;
}

/** What a rule may know besides the document: the clock plus whatever context the caller sent (CAF, company, ...). */
export interface RuleContext extends DteContext {
  now: Date;
}

/** A deterministic check with the id it has in dte-rules.md. */
export interface DteRule {
  id: string;
  title: string;
  /** Document types the rule applies to; 'all' also runs when the type itself is missing or invalid. */
  appliesTo: readonly DteType[] | 'all';
  check(doc: NormalizedDte, ctx: RuleContext): Finding[];
}
