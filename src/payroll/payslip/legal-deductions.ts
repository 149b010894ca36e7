import { AfcRate } from '../indicators/indicator-set';
import { afcContributions, afcRateFor } from '../calc/afc';
import { afpWorkerContribution, fundsMatchingAmount } from '../calc/afp';
import { percentOf } from '../calc/decimal';
import { healthContribution } from '../calc/health';
import { cappedBase, topeInPesos } from '../calc/imponible-caps';
import { AFP_FUNDS, AfpFund, normaliseAfpName } from '../indicators/indicator-set';
import { CheckContext, codeOf, foundAmount, note } from './check-context';
import { PESO_TOLERANCE, clp, dec, lineReport } from './validation-result';

/** Bases and expected worker deductions later checks (tax, employer lines) build on. */
export interface LegalDeductions {
  baseAfp: number;
  baseAfc: number;
  afp: number | null;
  healthLegal: number;
  afcWorker: number;
  afcRate: AfcRate;
}

/** The worker's health lines: Fonasa/Isapre, plus the CCAF share of a Fonasa affiliate's 7 %. */
const HEALTH_KINDS = ['health', 'health_ccaf'] as const;

const within = (a: number | null, b: number) => a !== null && Math.abs(a - b) <= PESO_TOLERANCE;

function bases(ctx: CheckContext): { baseAfp: number; baseAfc: number; text: string } {
  const uf = ctx.indicators.get('uf');
  const topeAfp = ctx.indicators.get('topeAfpSaludUf')!;
  const topeAfc = ctx.indicators.get('topeAfcUf')!;
  if (!uf) return { baseAfp: ctx.imponible, baseAfc: ctx.imponible, text: 'sin UF: bases sin tope' };
  const afpTope = topeInPesos(topeAfp.value, uf.value);
  const afcTope = topeInPesos(topeAfc.value, uf.value);
  if (uf.fallback) {
    const severity = ctx.imponible >= 0.95 * afpTope ? 'warning' : 'info';
    note(ctx, severity, 'P-02', `UF de ${ctx.indicators.periodUsed} no disponible; se usó la UF de ${uf.period} (${dec(uf.value)}) para los topes`);
  }
  const text = `tope ${dec(topeAfp.value)} UF × UF ${dec(uf.value)} = ${clp(afpTope)}`;
  return { baseAfp: cappedBase(ctx.imponible, afpTope), baseAfc: cappedBase(ctx.imponible, afcTope), text: `${text}; tope AFC ${dec(topeAfc.value)} UF = ${clp(afcTope)}` };
}

function checkAfp(ctx: CheckContext, baseAfp: number, capText: string): number | null {
  const mandatory = ctx.indicators.get('afpMandatoryPct')!.value;
  const commissions = ctx.indicators.get('afpCommissionPct')!.value;
  const found = foundAmount(ctx, 'afp');
  const named = ctx.input.afp ? normaliseAfpName(ctx.input.afp) : null;
  if (ctx.input.afp && !named) return checkUnknownAfp(ctx, baseAfp, mandatory, found);
  let funds: AfpFund[] = named ? [named] : found === null ? [] : fundsMatchingAmount(found, baseAfp, mandatory, commissions);
  if (!named && found !== null && funds.length === 0) {
    funds = [...AFP_FUNDS]
      .sort((a, b) => Math.abs(afpWorkerContribution(baseAfp, mandatory, commissions[a]) - found) - Math.abs(afpWorkerContribution(baseAfp, mandatory, commissions[b]) - found))
      .slice(0, 1);
    note(ctx, 'info', 'P-03', `El monto AFP ${clp(found)} no calza con ninguna AFP; se compara con la más cercana (${funds[0]})`);
  } else if (!named && funds.length > 0) {
    note(ctx, 'info', 'P-03', `AFP no informada; el monto calza con ${funds.join(' o ')} (${dec(commissions[funds[0]])} %)`);
  }
  if (funds.length === 0) {
    ctx.reports.push(lineReport({ code: 'AFP', rule: 'P-03', label: 'Cotización AFP', expected: null, found: null, indicator_used: `${dec(mandatory)} % + comisión`, status: 'missing' }));
    if (ctx.imponible > 0) note(ctx, 'warning', 'P-03', 'La liquidación no tiene línea de cotización AFP');
    return null;
  }
  const fund = funds[0];
  const expected = afpWorkerContribution(baseAfp, mandatory, commissions[fund]);
  const report = lineReport({
    code: codeOf(ctx, 'afp', 'AFP'),
    rule: 'P-03',
    label: `Cotización AFP ${fund}`,
    expected,
    found,
    indicator_used: `${dec(mandatory)} % + comisión ${fund} ${dec(commissions[fund])} % sobre ${clp(baseAfp)} (${capText})`,
  });
  ctx.reports.push(report);
  if (report.status === 'error') {
    const outdated = ctx.indicators.historicalValues('afpCommissionPct').find((h) => within(found, afpWorkerContribution(baseAfp, mandatory, h.value[fund])));
    const hint = outdated && outdated.value[fund] !== commissions[fund] ? `; calza con la comisión ${dec(outdated.value[fund])} % vigente en ${outdated.period}` : '';
    note(ctx, 'error', 'P-03', `AFP: esperado ${clp(expected)}, encontrado ${clp(found!)} (diferencia ${clp(found! - expected)})${hint}`);
  } else if (report.status === 'missing') note(ctx, 'warning', 'P-03', `Falta la línea AFP (esperado ${clp(expected)})`);
  return expected;
}

/**
 * P-03 for an AFP the service does not know (a new fund, a typo in Odoo): a warning naming it and the known ones; the
 * fund's commission cannot be checked, only that the line covers the 10 % every fund charges.
 */
function checkUnknownAfp(ctx: CheckContext, baseAfp: number, mandatory: number, found: number | null): null {
  note(ctx, 'warning', 'P-03', `AFP desconocida ${JSON.stringify(ctx.input.afp)} (conocidas: ${AFP_FUNDS.join(', ')}): no se verificó la tasa de cotización AFP`);
  const floor = percentOf(baseAfp, mandatory);
  const status = found === null ? 'missing' : found < floor - PESO_TOLERANCE ? 'error' : 'warning';
  ctx.reports.push(
    lineReport({
      code: codeOf(ctx, 'afp', 'AFP'),
      rule: 'P-03',
      label: `Cotización AFP ${ctx.input.afp}`,
      expected: null,
      found,
      indicator_used: `mínimo ${dec(mandatory)} % de ${clp(baseAfp)}; comisión de la AFP desconocida`,
      status,
    }),
  );
  if (status === 'error') note(ctx, 'error', 'P-03', `AFP ${clp(found!)} bajo la cotización obligatoria ${dec(mandatory)} % (${clp(floor)}), que toda AFP cobra`);
  return null;
}

function checkHealth(ctx: CheckContext, baseSalud: number): number {
  const pct = ctx.indicators.get('healthPct')!.value;
  const uf = ctx.indicators.get('uf');
  const declared = ctx.input.health;
  const plan = declared?.system === 'isapre' ? { system: 'isapre' as const, planUf: declared.plan_uf } : { system: 'fonasa' as const };
  const health = healthContribution(baseSalud, pct, plan, uf?.value ?? null);
  const found = foundAmount(ctx, HEALTH_KINDS);
  const code = codeOf(ctx, HEALTH_KINDS, 'SALUD');
  const used =
    health.planPesos !== null
      ? `plan ${dec(declared!.plan_uf!)} UF × UF ${dec(uf!.value)} = ${clp(health.planPesos)}; mínimo ${dec(pct)} % de ${clp(baseSalud)}`
      : `${dec(pct)} % de ${clp(baseSalud)}`;
  const isapreUnknownPlan = health.expected === null || (!declared && found !== null && found > health.legal + PESO_TOLERANCE);
  if (isapreUnknownPlan && found !== null && found >= health.legal - PESO_TOLERANCE) {
    ctx.reports.push(lineReport({ code, rule: 'P-04', label: 'Cotización salud (Isapre)', expected: health.legal, found, indicator_used: `mínimo ${used}`, status: 'warning' }));
    note(ctx, 'warning', 'P-04', `Salud ${clp(found)} supera el 7 % legal (${clp(health.legal)}): válido para un plan Isapre; informe health.plan_uf para verificarlo`);
    return health.legal;
  }
  const expected = health.expected ?? health.legal;
  const report = lineReport({ code, rule: 'P-04', label: plan.system === 'isapre' ? 'Cotización salud (Isapre)' : 'Cotización salud (Fonasa)', expected, found, indicator_used: used });
  ctx.reports.push(report);
  if (report.status === 'error') note(ctx, 'error', 'P-04', `Salud: esperado ${clp(expected)}, encontrado ${clp(found!)} (diferencia ${clp(found! - expected)})`);
  if (report.status === 'missing' && expected > 0) note(ctx, 'warning', 'P-04', `Falta la línea de salud (esperado ${clp(expected)})`);
  return health.legal;
}

function checkAfc(ctx: CheckContext, baseAfc: number): { worker: number; rate: AfcRate } {
  const rates = ctx.indicators.get('afcRates')!.value;
  const years = ctx.input.years_of_service ?? 0;
  const found = foundAmount(ctx, 'afc');
  const code = codeOf(ctx, 'afc', 'AFC');
  let contract = ctx.input.contract_type;
  if (!contract) {
    const indefinite = afcContributions(baseAfc, afcRateFor('indefinido', years, rates)).worker;
    contract = (found ?? 0) === 0 && indefinite > 0 ? 'plazo_fijo' : 'indefinido';
    const inferred = contract === 'indefinido' ? 'contrato indefinido' : 'contrato a plazo fijo/obra o indefinido con 11+ años';
    note(ctx, 'info', 'P-05', `Tipo de contrato no informado; el seguro de cesantía se evaluó como ${inferred}`);
  }
  const rate = afcRateFor(contract, years, rates);
  const expected = afcContributions(baseAfc, rate).worker;
  const report = lineReport({
    code,
    rule: 'P-05',
    label: 'Seguro de cesantía trabajador',
    expected,
    found: found ?? (expected === 0 ? 0 : null),
    indicator_used: `${dec(rate.worker)} % (${contract}${years >= 11 ? ', 11+ años' : ''}) de ${clp(baseAfc)}`,
  });
  ctx.reports.push(report);
  if (report.status === 'error') note(ctx, 'error', 'P-05', `Seguro de cesantía: esperado ${clp(expected)}, encontrado ${clp(found!)}`);
  if (report.status === 'missing') note(ctx, 'warning', 'P-05', `Falta la línea de seguro de cesantía (esperado ${clp(expected)})`);
  return { worker: expected, rate };
}

/** Recomputes AFP, health and AFC worker deductions on the capped bases and reports each against the slip. */
export function checkLegalDeductions(ctx: CheckContext): LegalDeductions {
  const { baseAfp, baseAfc, text } = bases(ctx);
  const afp = checkAfp(ctx, baseAfp, text);
  const healthLegal = checkHealth(ctx, baseAfp);
  const afc = checkAfc(ctx, baseAfc);
  return { baseAfp, baseAfc, afp, healthLegal, afcWorker: afc.worker, afcRate: afc.rate };
}
