/** Validates one DTE payload (addon or SII-tag form) with the deterministic rules and the supplier history. */
import { checkHistory } from './history/history-check';
import { normalizeDte } from './normalize/normalize-dte';
import type { DteForm, NormalizedDte } from './normalize/normalized-dte';
import { DTE_RULES } from './rules/index';
import type { DteRule, Finding } from './rules/rule';
import { runRules, type SkippedRule } from './rules/run-rules';

export type DteRecommendation = 'send' | 'review' | 'reject';

export interface ValidateDteOptions {
  now: Date;
  /** The supplier's recent documents as the addon sends them; anything else is ignored. */
  history?: readonly unknown[];
  /** Override the registry (tests, feature flags). */
  rules?: readonly DteRule[];
}

export interface DteValidationResult {
  /** Which payload form came in. */
  form: DteForm;
  findings: Finding[];
  rulesRun: string[];
  /** Rules that applied to the type but lacked their data, with the field that was missing. */
  rulesSkipped: SkippedRule[];
  /** Keys of the request the normalizer did not understand (`dte_data.glosa`, `dte.Extra`); they were ignored. */
  unknownKeys: string[];
  recommendation: DteRecommendation;
  /** Confidence in the recommendation, 0-100. */
  confidence: number;
  /** Blocking findings as Spanish sentences (the addon joins them with newlines). */
  errors: string[];
  /** Warning findings as Spanish sentences. */
  warnings: string[];
  normalized: NormalizedDte;
}

const CONFIDENCE = {
  reject: 99,
  sendSii: 95,
  sendAddon: 90,
  sendFloor: 85,
  reviewFirstWarning: 85,
  reviewPerExtraWarning: 5,
  reviewFloor: 50,
  perInfo: 2,
};

/** Recommendation from findings: any block → reject, any warn → review, otherwise send. */
export function recommendationFor(findings: readonly Finding[]): DteRecommendation {
  if (findings.some((f) => f.severity === 'block')) return 'reject';
  return findings.some((f) => f.severity === 'warn') ? 'review' : 'send';
}

/**
 * Deterministic confidence: a block is certain (99); a clean SII-tag payload 95, a clean addon body 90 (it carries
 * fewer fields), minus 2 per note; reviews start at 85 and lose 5 per extra warning, never below 50.
 */
export function confidenceFor(recommendation: DteRecommendation, findings: readonly Finding[], form: DteForm): number {
  if (recommendation === 'reject') return CONFIDENCE.reject;
  if (recommendation === 'review') {
    const warnings = findings.filter((f) => f.severity === 'warn').length;
    return Math.max(CONFIDENCE.reviewFloor, CONFIDENCE.reviewFirstWarning - CONFIDENCE.reviewPerExtraWarning * (warnings - 1));
  }
  const base = form === 'sii' ? CONFIDENCE.sendSii : CONFIDENCE.sendAddon;
  const infos = findings.filter((f) => f.severity === 'info').length;
  return Math.max(CONFIDENCE.sendFloor, base - CONFIDENCE.perInfo * infos);
}

/** Said in `warnings` when a document without lines gets `send`: its lines, references and transport were not checked. */
export const NO_LINES_WARNING = 'No se enviaron las líneas del documento (dte_data.lineas): no se verificaron los montos por línea, las referencias ni el transporte; ver rules_skipped.';

/** Where the unknown keys were: inside `dte_data`, `dte`, or the XML's document element. */
function unknownKeyPaths(doc: NormalizedDte): string[] {
  const prefix = doc.form === 'addon' ? 'dte_data.' : doc.fromXml ? 'dte_xml:' : 'dte.';
  return doc.unknownKeys.map((key) => `${prefix}${key}`);
}

/** Validates a DTE: `{dte, context}`, `{dte_data, context}` or a bare `dte_data` object. Never throws on messy input. */
export function validateDte(input: unknown, options: ValidateDteOptions): DteValidationResult {
  const { doc, nowCl: _nowCl, ...context } = normalizeDte(input);
  const { findings: ruleFindings, rulesRun, rulesSkipped } = runRules(doc, { now: options.now, ...context }, options.rules ?? DTE_RULES);
  const findings = [...ruleFindings, ...checkHistory(doc, options.history ?? [])];
  if (options.history?.length) rulesRun.push('HIST-01', 'HIST-02');
  const recommendation = recommendationFor(findings);
  const warnings = findings.filter((f) => f.severity === 'warn').map((f) => f.message);
  if (recommendation === 'send' && doc.Detalle === undefined) warnings.push(NO_LINES_WARNING);
  return {
    form: doc.form,
    findings,
    rulesRun,
    rulesSkipped,
    unknownKeys: unknownKeyPaths(doc),
    recommendation,
    confidence: confidenceFor(recommendation, findings, doc.form),
    errors: findings.filter((f) => f.severity === 'block').map((f) => f.message),
    warnings,
    normalized: doc,
  };
}
