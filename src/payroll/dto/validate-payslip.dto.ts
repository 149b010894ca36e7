import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import example from './validate-payslip.example.json';
import { MAX_PAYSLIP_COUNT, MAX_PAYSLIP_PESOS } from '../payslip/check-payslip-input';
import { PayslipHealthInput, PayslipInput, PayslipLineInput } from '../payslip/payslip-input';

/** One payslip line as Odoo sends it (deductions negative; subtotal lines included). */
export class PayslipLineDto implements PayslipLineInput {
  @ApiProperty({ example: 'AFP' })
  @IsString()
  code: string;

  @ApiPropertyOptional({ example: 'AFP (Pensión)' })
  @IsOptional()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ example: 'AFP_SOPA', description: 'salary rule category code, or ""' })
  @IsOptional()
  @IsString()
  category?: string;

  @ApiProperty({ example: -123083 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_PAYSLIP_PESOS)
  @Max(MAX_PAYSLIP_PESOS)
  amount: number;

  @ApiPropertyOptional({ example: -123083 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_PAYSLIP_PESOS)
  @Max(MAX_PAYSLIP_PESOS)
  total?: number;
}

/** Health system of the worker (optional; Fonasa assumed when absent). */
export class PayslipHealthDto implements PayslipHealthInput {
  @ApiProperty({ enum: ['fonasa', 'isapre'], example: 'isapre' })
  @IsIn(['fonasa', 'isapre'])
  system: 'fonasa' | 'isapre';

  @ApiPropertyOptional({ example: 4.5, description: 'Isapre plan price in UF' })
  @IsOptional()
  @IsPositive()
  plan_uf?: number;
}

/** Body of POST /api/payroll/validate (odoo-contract.md §3.4) plus optional detail a richer caller may send. */
export class ValidatePayslipDto implements PayslipInput {
  @ApiProperty({ example: example.employee_id })
  @IsInt()
  @IsPositive()
  employee_id: number;

  @ApiPropertyOptional({ example: example.employee_name })
  @IsOptional()
  @IsString()
  employee_name?: string;

  @ApiProperty({ example: example.wage, description: 'contract wage in pesos; 0 when the employee has no contract' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_PAYSLIP_PESOS)
  wage: number;

  @ApiProperty({ type: [PayslipLineDto], example: example.lines })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => PayslipLineDto)
  lines: PayslipLineDto[];

  @ApiProperty({ example: example.period, pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be YYYY-MM' })
  period: string;

  @ApiPropertyOptional({ example: example.date_from })
  @IsOptional()
  @IsString()
  date_from?: string;

  @ApiPropertyOptional({ example: example.date_to })
  @IsOptional()
  @IsString()
  date_to?: string;

  @ApiPropertyOptional({ example: example.total_imponible })
  @IsOptional()
  @IsNumber()
  @Min(-MAX_PAYSLIP_PESOS)
  @Max(MAX_PAYSLIP_PESOS)
  total_imponible?: number;

  @ApiPropertyOptional({ example: example.total_haberes, description: 'sum of all positive lines, subtotals included (ignored)' })
  @IsOptional()
  @IsNumber()
  @Min(-MAX_PAYSLIP_PESOS)
  @Max(MAX_PAYSLIP_PESOS)
  total_haberes?: number;

  @ApiPropertyOptional({ example: example.total_descuentos })
  @IsOptional()
  @IsNumber()
  @Min(-MAX_PAYSLIP_PESOS)
  @Max(MAX_PAYSLIP_PESOS)
  total_descuentos?: number;

  @ApiPropertyOptional({ example: example.total_liquido })
  @IsOptional()
  @IsNumber()
  @Min(-MAX_PAYSLIP_PESOS)
  @Max(MAX_PAYSLIP_PESOS)
  total_liquido?: number;

  @ApiPropertyOptional({ example: 'Modelo', description: 'AFP fund; inferred from the AFP amount when absent; an unknown name is a P-03 warning and its rate is not checked' })
  @IsOptional()
  @IsString()
  afp?: string;

  @ApiPropertyOptional({ type: PayslipHealthDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PayslipHealthDto)
  health?: PayslipHealthDto;

  @ApiPropertyOptional({ enum: ['indefinido', 'plazo_fijo', 'obra'], example: 'indefinido' })
  @IsOptional()
  @IsIn(['indefinido', 'plazo_fijo', 'obra'])
  contract_type?: 'indefinido' | 'plazo_fijo' | 'obra';

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_PAYSLIP_COUNT)
  years_of_service?: number;

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAYSLIP_COUNT)
  cargas_familiares?: number;

  @ApiPropertyOptional({ example: 30, description: 'contracted weekly hours of a part-time worker; P-01 prorates the minimum wage over the legal week (45 h, 44 h from 2024-05, 42 h from 2026-05)' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(45)
  weekly_hours?: number;

  @ApiPropertyOptional({ example: 20, description: 'days worked in an incomplete month (otherwise read from date_from/date_to); P-01 prorates over 30' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(31)
  worked_days?: number;

  @ApiPropertyOptional({ example: 17, description: "worker's age: under 18 and over 65 have a reduced minimum wage (P-01)" })
  @IsOptional()
  @IsInt()
  @Min(14)
  @Max(120)
  age?: number;

  @ApiPropertyOptional({ enum: ['A', 'B'], description: "régimen of the slip's APV lines: B lowers the impuesto único base up to 50 UF, A does not (P-08)" })
  @IsOptional()
  @IsIn(['A', 'B'])
  apv_regimen?: 'A' | 'B';

  @ApiPropertyOptional({ example: 1.83, description: 'total mutual/ISL work-accident rate in percent (0,93 % basic + additional), to check the employer line (P-06)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10)
  accident_insurance_pct?: number;

  @ApiPropertyOptional({ example: true, description: "employer affiliated to a CCAF: a Fonasa worker's 7 % is split between Fonasa and the CCAF (P-04)" })
  @IsOptional()
  @IsBoolean()
  ccaf?: boolean;
}
