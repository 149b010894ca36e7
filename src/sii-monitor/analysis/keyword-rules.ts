import type { OdooModule, SiiTeam } from './sii-analysis.types';

/** One topic the offline analyzer recognises. */
export interface KeywordRule {
  team: Exclude<SiiTeam, 'general'>;
  pattern: RegExp;
  modules: OdooModule[];
  actions: string[];
}

/** Topic rules in team precedence order: the first matching rule's team owns the item. */
export const KEYWORD_RULES: readonly KeywordRule[] = [
  {
    team: 'dte',
    pattern:
      /factura(?:s|ci[oó]n)? electr[oó]nica|\bdte\b|gu[ií]as? de despacho|\bboletas?\b|documentos? tributarios? electr[oó]nicos?|formato dte|timbre electr[oó]nico|notas? de (?:cr[eé]dito|d[eé]bito)|registro de compras y ventas|\brcv\b|libro de (?:compras|ventas)/i,
    modules: ['l10n_cl_dte'],
    actions: ['Revisar el impacto en la emisión, validación y envío de DTE (l10n_cl_dte)', 'Verificar si cambia el esquema XML o el Formato DTE y actualizar validaciones'],
  },
  {
    team: 'payroll',
    pattern: /remuneraci[oó]n|previred|impuesto [uú]nico|cotizaci[oó]n|\bafp\b|seguro de cesant[ií]a|\bsueldos?\b|trabajador|reforma previsional|\bisapre\b|liquidaci[oó]n de sueldo/i,
    modules: ['hr_payroll'],
    actions: ['Revisar reglas salariales e indicadores previsionales en hr_payroll'],
  },
  {
    team: 'accounting',
    pattern: /\biva\b|impuesto a la renta|\brenta\b|contabilidad|contable|pro ?pyme|\bppm\b|cr[eé]dito fiscal|depreciaci[oó]n|\bf29\b|formulario 29/i,
    modules: ['account', 'l10n_cl'],
    actions: ['Revisar impuestos, cuentas y declaraciones en account/l10n_cl'],
  },
  {
    team: 'inventory',
    pattern: /inventario|existencias|traslado de (?:bienes|mercader[ií]as)|datos de transporte|\btransportista/i,
    modules: ['stock'],
    actions: ['Revisar datos de transporte y traslados en stock'],
  },
];

/** Words that make a publication binding. */
export const MANDATORY_PATTERN = /obligatori[oa]s?|obligaci[oó]n|deber[aá]n?\b|exigib|sanci[oó]n|\bmultas?\b/i;
