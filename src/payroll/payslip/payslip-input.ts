import { ContractType } from '../calc/afc';

/** One payslip line as Odoo sends it; deductions are negative, subtotal lines included. */
export interface PayslipLineInput {
  code: string;
  name?: string;
  category?: string;
  amount: number;
  total?: number;
}

/** Health system of the worker; `plan_uf` is the Isapre plan price in UF. */
export interface PayslipHealthInput {
  system: 'fonasa' | 'isapre';
  plan_uf?: number;
}

/** Body of POST /api/payroll/validate (odoo-contract.md §3.4) plus optional fields a richer caller may send. */
export interface PayslipInput {
  employee_id: number;
  employee_name?: string;
  wage: number;
  lines: PayslipLineInput[];
  period: string;
  date_from?: string;
  date_to?: string;
  total_imponible?: number;
  total_haberes?: number;
  total_descuentos?: number;
  total_liquido?: number;
  afp?: string;
  health?: PayslipHealthInput;
  contract_type?: ContractType;
  years_of_service?: number;
  cargas_familiares?: number;
  /** Contracted weekly hours when part-time (P-01 prorates the minimum over the legal week). */
  weekly_hours?: number;
  /** Days worked in the month when incomplete (otherwise read from date_from/date_to). */
  worked_days?: number;
  /** Worker's age: under 18 and over 65 have a reduced minimum wage. */
  age?: number;
  /** APV régimen of the slip's APV lines: B lowers the impuesto único base, A does not. */
  apv_regimen?: 'A' | 'B';
  /** Total work-accident insurance rate in percent (mutual or ISL): 0,93 % basic plus the additional rate. */
  accident_insurance_pct?: number;
  /** True when the employer is affiliated to a CCAF: a Fonasa worker's 7 % is split between Fonasa and the CCAF. */
  ccaf?: boolean;
}
