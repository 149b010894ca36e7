import { stripAccents } from 'src/common/text/accents';
import { roundPesos } from '../calc/decimal';
import { PayslipLineInput } from './payslip-input';

/** What a payslip line is, as far as the recomputation is concerned. */
export type LineKind =
  | 'basic'
  | 'gratificacion'
  | 'imponible'
  | 'non_imponible'
  | 'asignacion_familiar'
  | 'afp'
  | 'health'
  | 'health_ccaf'
  | 'apv'
  | 'afc'
  | 'tax'
  | 'other_deduction'
  | 'employer_sis'
  | 'employer_afc'
  | 'employer_reform'
  | 'employer_accident'
  | 'employer_other'
  | 'total_imponible'
  | 'total_haberes'
  | 'total_descuentos'
  | 'net'
  | 'subtotal_other';

/** A payslip line with its kind, normalised code and whole-peso amount. */
export interface ClassifiedLine {
  line: PayslipLineInput;
  code: string;
  kind: LineKind;
  amount: number;
  guessed: boolean;
}

const SUBTOTAL_KINDS: ReadonlySet<LineKind> = new Set(['total_imponible', 'total_haberes', 'total_descuentos', 'net', 'subtotal_other']);
const EMPLOYER_KINDS: ReadonlySet<LineKind> = new Set(['employer_sis', 'employer_afc', 'employer_reform', 'employer_accident', 'employer_other']);

/** True for lines that add up other lines (never summed again). */
export const isSubtotal = (l: ClassifiedLine) => SUBTOTAL_KINDS.has(l.kind);

/** True for employer-paid contributions shown on the slip (not part of the worker's haberes or descuentos). */
export const isEmployerLine = (l: ClassifiedLine) => EMPLOYER_KINDS.has(l.kind);

/** True for lines that make up the worker's haberes and descuentos. */
export const isWorkerLine = (l: ClassifiedLine) => !isSubtotal(l) && !isEmployerLine(l);

const IMPONIBLE_HABERES: ReadonlySet<LineKind> = new Set(['basic', 'gratificacion', 'imponible']);

/** True for haberes that count towards the imponible (and taxable) remuneration. */
export const isImponibleHaber = (l: ClassifiedLine) => IMPONIBLE_HABERES.has(l.kind) && l.amount > 0;

// Ordered: the first matching pattern wins, so specific codes (AFC_EMPLEADOR) come before general ones (AFC).
const CODE_PATTERNS: ReadonlyArray<readonly [RegExp, LineKind]> = [
  [/^(TOTAL_IMPONIBLE|HABERES_IMPONIBLES|IMPONIBLE|TOTAL_IMP|REMUNERACION_IMPONIBLE)$/, 'total_imponible'],
  [/^(NET|NETO|LIQUIDO|ALCANCE_LIQUIDO|SUELDO_LIQUIDO|TOTAL_LIQUIDO|LIQUIDO_A_PAGAR|NET_SALARY)$/, 'net'],
  [/^(TOTAL_HABERES|HABERES|GROSS|BRUTO|TOTAL_BRUTO)$/, 'total_haberes'],
  [/^(TOTAL_DESCUENTOS|DESCUENTOS|TOTAL_DESC|TOTAL_DEDUCTIONS)$/, 'total_descuentos'],
  [/^(TOTAL_|SUBTOTAL|BASE_|TOPE_|HABERES_NO_IMPONIBLES$)/, 'subtotal_other'],
  [/(^|_)SIS(_|$)|INVALIDEZ/, 'employer_sis'],
  [/((AFC|CESANTIA|SEG_CES).*(EMPLEADOR|EMPLOYER|EMP|PATRONAL)|(EMPLEADOR|EMPLOYER).*(AFC|CESANTIA))/, 'employer_afc'],
  [/(REFORMA|SEGURO_SOCIAL|21735|APORTE_EMPLEADOR|COT_EMPLEADOR|CCI_EMP)/, 'employer_reform'],
  [/(MUTUAL|(^|_)(ISL|ACHS|IST)(_|$)|ACCIDENTES?_DEL_TRABAJO|LEY_16744)/, 'employer_accident'],
  [/(EMPLEADOR|EMPLOYER|PATRONAL)/, 'employer_other'],
  [/(IMPUESTO|IUSC|^TAX|^IMP_UNICO|^IMPTO)/, 'tax'],
  [/^(AFC|SEG_CES|SEGURO_CESANTIA|CESANTIA|SC|SEG_CESANTIA)(_|$)|CESANTIA/, 'afc'],
  [/^(CCAF|SALUD_CCAF|CCAF_SALUD|COT_CCAF)$/, 'health_ccaf'],
  [/^(SALUD|HEALTH|FONASA|ISAPRE|COT_SALUD)(_|$)/, 'health'],
  [/^APV/, 'apv'],
  [/^(AFP|PREVISION|COT_AFP|PENSION|COT_OBLIGATORIA)(_|$)/, 'afp'],
  [/^GRAT/, 'gratificacion'],
  [/^(ASIG_?FAM|ASIGNACION_FAMILIAR|CARGAS?_FAM)/, 'asignacion_familiar'],
  [/^(COLACION|COL|MOVILIZACION|MOV|MOVIL|VIATICOS?|DESGASTE|PERDIDA_CAJA|NO_IMPONIBLE)(_|$)/, 'non_imponible'],
  [/^(BASIC|BASE|SUELDO_BASE|SUELDO|WAGE|SB)$/, 'basic'],
];

const CATEGORY_PATTERNS: ReadonlyArray<readonly [RegExp, LineKind]> = [
  [/^(NET|LIQUIDO)$/, 'net'],
  [/^(GROSS|BASE)$/, 'subtotal_other'],
  [/^COMP$/, 'employer_other'],
  [/^AFP/, 'afp'],
  [/^SALUD/, 'health'],
  [/^GRAT/, 'gratificacion'],
  [/^ASIGFAM/, 'asignacion_familiar'],
  [/(NO_IMPONIBLE|^COL_|^MOV_)/, 'non_imponible'],
];

const normalise = (text: string | undefined) =>
  stripAccents((text ?? '').toUpperCase())
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** The whole-peso amount of a line: `total` when Odoo sent it (amount × quantity), else `amount`. */
export function lineAmount(line: PayslipLineInput): number {
  const value = typeof line.total === 'number' && Number.isFinite(line.total) ? line.total : line.amount;
  return roundPesos(value);
}

/** Classifies one line by code, then category, then sign (positive unknown → imponible haber, flagged as guessed). */
export function classifyLine(line: PayslipLineInput): ClassifiedLine {
  const code = normalise(line.code);
  const amount = lineAmount(line);
  const byCode = CODE_PATTERNS.find(([pattern]) => pattern.test(code));
  if (byCode) return { line, code, kind: byCode[1], amount, guessed: false };
  const byCategory = CATEGORY_PATTERNS.find(([pattern]) => pattern.test(normalise(line.category)));
  if (byCategory) return { line, code, kind: byCategory[1], amount, guessed: false };
  return { line, code, kind: amount < 0 ? 'other_deduction' : 'imponible', amount, guessed: amount > 0 };
}
