/** The contract every DTE rule implements, and the finding it reports. */
import type { DteType } from '../dte.constants';
import type { CafInfo, NormalizedDte } from '../normalize/normalized-dte';

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

/** What a rule may know besides the document: the clock and the CAF when the caller sent one. */
export interface RuleContext {
  now: Date;
  caf?: CafInfo;
}

/** A deterministic check with the id it has in dte-rules.md. */
export interface DteRule {
  id: string;
  title: string;
  /** Document types the rule applies to; 'all' also runs when the type itself is missing or invalid. */
  appliesTo: readonly DteType[] | 'all';
  check(doc: NormalizedDte, ctx: RuleContext): Finding[];
}
