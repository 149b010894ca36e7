import { AFP_FUNDS, INDICATOR_KEYS, INDICATOR_STATUSES, IndicatorKey } from './indicator-set';
import { AFC_RATE_RANGE, AFP_COMMISSION_RANGE, ASIGNACION_AMOUNT_RANGE, EMPLOYER_REFORM_RANGE, SCALAR_RANGES, rangeProblem } from './indicator-ranges';
import { isValidPeriod } from './period';

/** One problem found in indicator data; `row` is a 1-based file line for CSV imports. */
export interface IndicatorIssue {
  row?: number;
  period?: string;
  field: string;
  message: string;
}

/** Result of validating indicator data: the sets, or every problem found. */
export type IndicatorParseResult<T> = ({ ok: true } & T) | { ok: false; errors: IndicatorIssue[] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checks read untrusted JSON of any shape
type Check = (value: any) => string | null;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- narrowed field by field by the checks
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

const checkAfp: Check = (v) => {
  if (!isObject(v)) return 'must be an object of fund → percent';
  for (const fund of AFP_FUNDS) {
    const problem = rangeProblem(v[fund], AFP_COMMISSION_RANGE);
    if (problem) return `${fund}: ${problem}`;
  }
  return null;
};

const checkReform: Check = (v) => {
  if (!isObject(v)) return 'must be {totalPct, cciPct, seguroSocialPct}';
  for (const k of ['totalPct', 'cciPct', 'seguroSocialPct']) {
    const problem = rangeProblem(v[k], EMPLOYER_REFORM_RANGE);
    if (problem) return `${k}: ${problem}`;
  }
  if (Math.abs(v.cciPct + v.seguroSocialPct - v.totalPct) > 1e-9) return 'cciPct + seguroSocialPct must equal totalPct';
  return null;
};

const checkAfc: Check = (v) => {
  if (!isObject(v)) return 'must be {indefinido, plazoFijo, indefinido11Anos}';
  for (const k of ['indefinido', 'plazoFijo', 'indefinido11Anos']) {
    for (const side of ['worker', 'employer']) {
      const problem = rangeProblem(v[k]?.[side], AFC_RATE_RANGE);
      if (problem) return `${k}.${side}: ${problem}`;
    }
  }
  return null;
};

const checkAsignacion: Check = (v) => {
  if (!Array.isArray(v) || v.length !== 4) return 'must list the four tramos A–D';
  let previous = 0;
  for (const [i, t] of v.entries()) {
    if (t?.tramo !== 'ABCD'[i]) return `tramo ${i + 1} must be '${'ABCD'[i]}'`;
    const problem = rangeProblem(t.amount, ASIGNACION_AMOUNT_RANGE);
    if (problem) return `tramo ${t.tramo} amount: ${problem}`;
    if (i === 3 ? t.maxIncome !== null : !(typeof t.maxIncome === 'number' && t.maxIncome > previous)) {
      return `tramo ${t.tramo} maxIncome must ${i === 3 ? 'be null' : 'increase'}`;
    }
    previous = t.maxIncome ?? previous;
  }
  return null;
};

const checkBrackets: Check = (v) => {
  if (!Array.isArray(v) || v.length === 0) return 'must be a non-empty list';
  let expectedFrom = 0;
  for (const [i, b] of v.entries()) {
    const last = i === v.length - 1;
    if (b?.fromUtm !== expectedFrom) return `bracket ${i + 1} must start at ${expectedFrom} UTM`;
    if (last ? b.toUtm !== null : !(typeof b.toUtm === 'number' && b.toUtm > b.fromUtm)) {
      return `bracket ${i + 1} toUtm must ${last ? 'be null' : 'exceed fromUtm'}`;
    }
    if (rangeProblem(b.factor, [0, 0.5]) || rangeProblem(b.rebajaUtm, [0, 100])) return `bracket ${i + 1} factor/rebaja implausible`;
    expectedFrom = b.toUtm;
  }
  return null;
};

const isPositiveNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

const positivePair =
  (a: string, b: string): Check =>
  (v) =>
    isObject(v) && isPositiveNumber(v[a]) && isPositiveNumber(v[b]) ? null : `must have positive ${a} and ${b}`;

const VALUE_CHECKS: Record<IndicatorKey, Check> = {
  ...(Object.fromEntries(Object.entries(SCALAR_RANGES).map(([k, range]) => [k, (v: unknown) => rangeProblem(v, range!)])) as Record<string, Check>),
  afpCommissionPct: checkAfp,
  employerReform: checkReform,
  afcRates: checkAfc,
  asignacionFamiliar: checkAsignacion,
  taxBrackets: checkBrackets,
  gratificacion: (v) => (isObject(v) && rangeProblem(v.pct, [1, 100]) === null && rangeProblem(v.annualCapImm, [1, 12]) === null ? null : 'must be {pct, annualCapImm}'),
  apvTopes: positivePair('monthlyUf', 'annualUf'),
} as Record<IndicatorKey, Check>;

/** Lists every problem of one stored or imported IndicatorSet (empty when valid). */
export function indicatorSetIssues(json: unknown): IndicatorIssue[] {
  if (!isObject(json)) return [{ field: '(set)', message: 'must be an object' }];
  const period = isValidPeriod(json.period) ? json.period : undefined;
  const issues: IndicatorIssue[] = [];
  const add = (field: string, message: string) => issues.push({ period, field, message });
  if (!period) add('period', `must be YYYY-MM, got ${JSON.stringify(json.period)}`);
  for (const key of INDICATOR_KEYS) {
    const entry = json[key];
    if (!isObject(entry)) {
      add(key, 'is missing');
      continue;
    }
    if (typeof entry.source !== 'string' || entry.source.length === 0) add(key, 'source must be a non-empty string');
    if (!INDICATOR_STATUSES.includes(entry.status)) add(key, `status must be one of ${INDICATOR_STATUSES.join(', ')}`);
    if (entry.confirmed !== (entry.status === 'confirmed')) add(key, "confirmed must be true exactly when status is 'confirmed'");
    if ((entry.value === null) !== (entry.status === 'missing')) add(key, "value must be null exactly when status is 'missing'");
    if (entry.value !== null && entry.value !== undefined) {
      const problem = VALUE_CHECKS[key](entry.value);
      if (problem) add(key, problem);
    }
  }
  const utm = json.utm?.value;
  const uta = json.uta?.value;
  if (typeof utm === 'number' && typeof uta === 'number' && uta !== utm * 12) add('uta', 'must equal utm × 12');
  return issues;
}
