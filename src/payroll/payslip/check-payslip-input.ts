import { AFP_FUNDS, normaliseAfpName } from '../indicators/indicator-set';
import { isValidPeriod, periodOf } from '../indicators/period';
import { loadShippedIndicators } from '../indicators/shipped-indicators';
import { PayslipInput } from './payslip-input';

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
  if (input.afp !== undefined && normaliseAfpName(input.afp) === null) {
    problems.push(`AFP desconocida: ${JSON.stringify(input.afp)} (conocidas: ${AFP_FUNDS.join(', ')})`);
  }
  if (!Array.isArray(input.lines) || input.lines.length === 0) problems.push('lines debe tener al menos una línea');
  else {
    input.lines.forEach((line, i) => {
      if (!line || typeof line.code !== 'string' || line.code.trim() === '') problems.push(`lines[${i}].code es obligatorio`);
      if (!line || typeof line.amount !== 'number' || !Number.isFinite(line.amount)) problems.push(`lines[${i}].amount debe ser numérico`);
    });
  }
  if (input.health?.plan_uf !== undefined && !(input.health.plan_uf > 0 && input.health.plan_uf < 100)) problems.push('health.plan_uf debe estar entre 0 y 100 UF');
  if (input.years_of_service !== undefined && input.years_of_service < 0) problems.push('years_of_service no puede ser negativo');
  if (input.cargas_familiares !== undefined && (!Number.isInteger(input.cargas_familiares) || input.cargas_familiares < 0)) problems.push('cargas_familiares debe ser un entero ≥ 0');
  return problems;
}
