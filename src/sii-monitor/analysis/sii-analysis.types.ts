import type { SiiSourceKind } from '../sources/sii-source';

/** What an SII publication is. */
export type SiiDocType = 'circular' | 'resolucion' | 'noticia' | 'pagina';
/** How hard it hits the ERP. */
export type SiiImpact = 'alto' | 'medio' | 'bajo';
/** Team that owns the follow-up. */
export type SiiTeam = 'dte' | 'payroll' | 'accounting' | 'inventory' | 'general';
/** Odoo modules a publication can affect. */
export type OdooModule = 'l10n_cl_dte' | 'hr_payroll' | 'account' | 'stock' | 'l10n_cl';

export const SII_DOC_TYPES: readonly SiiDocType[] = ['circular', 'resolucion', 'noticia', 'pagina'];
export const SII_IMPACTS: readonly SiiImpact[] = ['alto', 'medio', 'bajo'];
export const SII_TEAMS: readonly SiiTeam[] = ['dte', 'payroll', 'accounting', 'inventory', 'general'];
export const ODOO_MODULES: readonly OdooModule[] = ['l10n_cl_dte', 'hr_payroll', 'account', 'stock', 'l10n_cl'];

/** The text of an item that analysis reads. */
export interface SiiAnalysisInput {
  kind: SiiSourceKind;
  title: string;
  number: string | null;
  publishedAt: string | null;
  summary: string;
  url: string;
  pdfUrl: string | null;
}

/** Structured reading of one publication, from keyword rules or a validated LLM answer. */
export interface SiiAnalysis {
  type: SiiDocType;
  impact: SiiImpact;
  modules: OdooModule[];
  /** YYYY-MM-DD dates the text sets (other than its own publication date). */
  deadlines: string[];
  summary: string;
  /** 1 (informative) to 5 (act now). */
  priority: number;
  actions: string[];
  team: SiiTeam;
}

/** The document type of a source kind. */
export function docTypeOf(kind: SiiSourceKind): SiiDocType {
  const types: Record<SiiSourceKind, SiiDocType> = {
    circulares: 'circular',
    news: 'noticia',
    page: 'pagina',
    resoluciones: 'resolucion',
  };
  return types[kind];
}
