import { AFP_FUNDS, IndicatorSet, IndicatorStatus, IndicatorValue } from './indicator-set';
import { gratificacionMonthlyCap } from '../calc/gratificacion';

/** Flat numeric dictionary for the Odoo indicators cron, plus each name's status and which are absent, unofficial or carried forward. */
export interface AddonIndicators {
  indicators: Record<string, number>;
  statuses: Record<string, IndicatorStatus>;
  unconfirmed: string[];
  unofficial: string[];
  carried_forward: string[];
}

/** Flattens an IndicatorSet into the names the Odoo cron reads (odoo-contract.md §3.5); numbers only, gaps listed in `unconfirmed`. */
export function toAddonIndicators(set: IndicatorSet): AddonIndicators {
  const out: AddonIndicators = { indicators: {}, statuses: {}, unconfirmed: [], unofficial: [], carried_forward: [] };
  const put = <T>(name: string, entry: IndicatorValue<T>, pick: (value: T) => number | null | undefined) => {
    const value = entry.value === null ? null : pick(entry.value);
    if (value === null || value === undefined || !Number.isFinite(value)) {
      out.unconfirmed.push(name);
      return;
    }
    out.indicators[name] = value;
    out.statuses[name] = entry.status;
    if (entry.status === 'unofficial') out.unofficial.push(name);
    if (entry.status === 'carried_forward') out.carried_forward.push(name);
  };
  const self = (v: number) => v;
  put('uf', set.uf, self);
  put('utm', set.utm, self);
  put('uta', set.uta, self);
  put('sueldo_minimo', set.imm, self);
  put('sueldo_minimo_menores_mayores', set.immMenores18Mayores65, self);
  put('sueldo_minimo_no_remuneracional', set.immNoRemuneracional, self);
  put('afp_tope_uf', set.topeAfpSaludUf, self);
  put('salud_tope_uf', set.topeAfpSaludUf, self);
  put('afc_tope_uf', set.topeAfcUf, self);
  put('ips_tope_uf', set.topeIpsUf, self);
  put('apv_tope_mensual_uf', set.apvTopes, (v) => v.monthlyUf);
  put('apv_tope_anual_uf', set.apvTopes, (v) => v.annualUf);
  ([1, 2, 3, 4] as const).forEach((n) => put(`asig_fam_tramo_${n}`, set.asignacionFamiliar, (v) => v[n - 1]?.amount));
  ([1, 2, 3] as const).forEach((n) => put(`asig_fam_tramo_${n}_hasta`, set.asignacionFamiliar, (v) => v[n - 1]?.maxIncome));
  put('exvida_pct', set.sisPct, self);
  put('afc_trabajador_indefinido', set.afcRates, (v) => v.indefinido.worker);
  put('afc_empleador_indefinido', set.afcRates, (v) => v.indefinido.employer);
  put('afc_trabajador_plazo_fijo', set.afcRates, (v) => v.plazoFijo.worker);
  put('afc_empleador_plazo_fijo', set.afcRates, (v) => v.plazoFijo.employer);
  put('afc_empleador_11_anos', set.afcRates, (v) => v.indefinido11Anos.employer);
  put('fonasa_pct', set.healthPct, self);
  put('afp_obligatorio_pct', set.afpMandatoryPct, self);
  for (const fund of AFP_FUNDS) {
    put(`afp_${fund}_comision_pct`, set.afpCommissionPct, (v) => v[fund]);
    put(`afp_${fund}_pct`, set.afpCommissionPct, (v) => (set.afpMandatoryPct.value === null ? null : Math.round((set.afpMandatoryPct.value + v[fund]) * 1e6) / 1e6));
  }
  put('reforma_empleador_pct', set.employerReform, (v) => v.totalPct);
  put('gratificacion_tope_mensual', set.imm, (imm) => (set.gratificacion.value ? gratificacionMonthlyCap(imm, set.gratificacion.value) : null));
  return out;
}
