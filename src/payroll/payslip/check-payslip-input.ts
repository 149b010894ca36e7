import { isValidPeriod, periodOf } from '../indicators/period';
import { loadShippedIndicators } from '../indicators/shipped-indicators';
import { PayslipInput } from './payslip-input';

/** Largest peso amount accepted in any one payslip field or line (a thousand million pesos; larger is a typo or junk). */
export const MAX_PAYSLIP_PESOS = 1_000_000_000;

/** Largest sum of the absolute line amounts, so every base the calculators derive stays within exact decimal range. */
export const MAX_PAYSLIP_LINES_SUM_PESOS = 5_000_000_000;

/** Largest years_of_service and cargas_familiares accepted. */
export const MAX_PAYSLIP_COUNT = 100;

const inRange = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_PAYSLIP_PESOS;

const outOfRange = (field: string) => `${field} está fuera de rango (máximo ±${MAX_PAYSLIP_PESOS.toLocaleString('es-CL')})`;

function lineProblems(lines: PayslipInput['lines']): string[] {
  const problems: string[] = [];
  let sum = 0;
  lines.forEach((line, i) => {
    if (!line || typeof line.code !== 'string' || line.code.trim() === '') problems.push(`lines[${i}].code es obligatorio`);
    if (!line || typeof line.amount !== 'number' || !Number.isFinite(line.amount)) problems.push(`lines[${i}].amount debe ser numérico`);
    else if (!inRange(line.amount)) problems.push(outOfRange(`lines[${i}].amount`));
    if (line?.total !== undefined && line.total !== null && !inRange(line.total)) problems.push(outOfRange(`lines[${i}].total`));
    const value = inRange(line?.total) ? line.total! : line?.amount;
    if (inRange(value)) sum += Math.abs(value!);
  });
  if (sum > MAX_PAYSLIP_LINES_SUM_PESOS) problems.push(`la suma de los montos de lines supera ${MAX_PAYSLIP_LINES_SUM_PESOS.toLocaleString('es-CL')}`);
  return problems;
}

/** Problems that make a validation request a 400 (malformed or impossible input), in plain Spanish; empty when fine.
 * A period is "in the future" when it is after both the current month and the last period with indicators
 * (default: the last shipped period; pass the last stored one). */
export function checkPayslipInput(input: PayslipInput, now: Date, lastAvailablePeriod?: string): string[] {
  const problems: string[] = [];
  if (!isValidPeriod(input.period)) problems.push(`period debe tener el formato YYYY-MM (recibido: ${JSON.stringify(input.period)})`);
  else {
    const current = periodOf(now);
    const last = lastAvailablePeriod ?? [...loadShippedIndicators().keys()].sort().at(-1)!;
    if (input.period > current && input.period > last) problems.push(`period ${input.period} está en el futuro (último período disponible: ${last})`);
  }
  if (typeof input.wage !== 'number' || !Number.isFinite(input.wage) || input.wage < 0) problems.push('wage no puede ser negativo');
  else if (!inRange(input.wage)) problems.push(outOfRange('wage'));
  for (const field of ['total_imponible', 'total_haberes', 'total_descuentos', 'total_liquido'] as const) {
    if (input[field] !== undefined && input[field] !== null && !inRange(input[field])) problems.push(outOfRange(field));
  }
  if (!Array.isArray(input.lines) || input.lines.length === 0) problems.push('lines debe tener al menos una línea');
  else problems.push(...lineProblems(input.lines));
  if (input.health?.plan_uf !== undefined && !(input.health.plan_uf > 0 && input.health.plan_uf < 100)) problems.push('health.plan_uf debe estar entre 0 y 100 UF');
  if (input.years_of_service !== undefined && input.years_of_service < 0) problems.push('years_of_service no puede ser negativo');
  else if (input.years_of_service !== undefined && !(input.years_of_service <= MAX_PAYSLIP_COUNT)) problems.push(`years_of_service no puede superar ${MAX_PAYSLIP_COUNT}`);
  if (input.cargas_familiares !== undefined && (!Number.isInteger(input.cargas_familiares) || input.cargas_familiares < 0)) problems.push('cargas_familiares debe ser un entero ≥ 0');
  else if (input.cargas_familiares !== undefined && input.cargas_familiares > MAX_PAYSLIP_COUNT) problems.push(`cargas_familiares no puede superar ${MAX_PAYSLIP_COUNT}`);
  return problems;
}
