import { ApiProperty } from '@nestjs/swagger';
import { Finding, LineReport, LineStatus, PayslipValidationResult } from '../payslip/validation-result';

/** One recomputed line in the validation response. */
export class LineReportDto implements LineReport {
  @ApiProperty({ example: 'AFP' }) code: string;
  @ApiProperty({ example: 'P-03' }) rule: string;
  @ApiProperty({ example: 'Cotización AFP modelo' }) label: string;
  @ApiProperty({ example: 123083, nullable: true, type: Number }) expected: number | null;
  @ApiProperty({ example: 123083, nullable: true, type: Number }) found: number | null;
  @ApiProperty({ example: 0, nullable: true, type: Number }) difference: number | null;
  @ApiProperty({ example: '10 % + comisión modelo 0,58 % sobre $1.163.354 (tope 90 UF × UF 39841,72 = $3.585.755; …)' }) indicator_used: string;
  @ApiProperty({ enum: ['ok', 'error', 'warning', 'missing'] }) status: LineStatus;
}

/** A structured finding in the validation response. */
export class FindingDto implements Finding {
  @ApiProperty({ enum: ['error', 'warning', 'info'] }) severity: 'error' | 'warning' | 'info';
  @ApiProperty({ example: 'P-03' }) rule: string;
  @ApiProperty({ example: 'AFP no informada; el monto calza con modelo (0,58 %)' }) message: string;
}

/** Response of POST /api/payroll/validate: the addon's fields first, structured detail after. */
export class PayslipValidationResponseDto implements PayslipValidationResult {
  @ApiProperty({ example: true }) success: boolean;
  @ApiProperty({ example: 100, minimum: 0, maximum: 100 }) confidence: number;
  @ApiProperty({ type: [String], example: [] }) errors: string[];
  @ApiProperty({ type: [String], example: [] }) warnings: string[];
  @ApiProperty({ enum: ['approve', 'review', 'reject'], example: 'approve' }) recommendation: 'approve' | 'review' | 'reject';
  @ApiProperty({ type: [LineReportDto] }) lines: LineReportDto[];
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ example: '2026-03', nullable: true, type: String }) period_used: string | null;
}

/** A plain-language explanation of the findings written by the LLM; never changes the verdict. */
export class PayslipExplanationDto {
  @ApiProperty({ example: 'La cotización AFP declarada es $3.000 menor a la esperada para AFP Modelo (10,58 %); corrija la línea AFP.' })
  text: string;
  @ApiProperty({ example: 'anthropic' }) provider: string;
  @ApiProperty({ example: 'claude-haiku-4-5' }) model: string;
}

/** Response of POST /api/payroll/validate with the optional LLM explanation (null with no vendor, nothing to explain, or a failed call). */
export class ExplainedPayslipValidationResponseDto extends PayslipValidationResponseDto {
  @ApiProperty({ type: PayslipExplanationDto, nullable: true }) explanation: PayslipExplanationDto | null;
}
