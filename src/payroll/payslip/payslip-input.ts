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
}
