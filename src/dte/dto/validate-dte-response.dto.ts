/** Response of POST /api/ai/validate: the fields the addon reads plus structured findings. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DteFindingDto {
  @ApiProperty({ example: 'M-04' })
  ruleId: string;

  @ApiProperty({ enum: ['block', 'warn', 'info'], example: 'block' })
  severity: 'block' | 'warn' | 'info';

  @ApiProperty({ example: 'dte_data.monto_total' })
  path: string;

  @ApiProperty({ example: 'El monto total ($499.900) no cuadra con neto + exento + IVA ($499.800).' })
  message: string;

  @ApiPropertyOptional({ example: 499800 })
  expected?: unknown;

  @ApiPropertyOptional({ example: 499900 })
  found?: unknown;
}

/** A rule that applied to the document's type but could not run because the request lacked its data. */
export class SkippedRuleDto {
  @ApiProperty({ example: 'L-04' })
  rule_id: string;

  @ApiProperty({ example: 'Aritmética de las líneas' })
  title: string;

  @ApiProperty({ type: [String], example: ['dte_data.lineas'], description: 'Where the missing data goes in the request' })
  missing: string[];
}

export class ValidateDteResponseDto {
  @ApiProperty({ example: 90, minimum: 0, maximum: 100 })
  confidence: number;

  @ApiProperty({ type: [String], example: ['Monto 45% sobre el promedio del proveedor (últimos 4 documentos).'] })
  warnings: string[];

  @ApiProperty({ type: [String], example: [] })
  errors: string[];

  @ApiProperty({ enum: ['send', 'review', 'reject'], example: 'review' })
  recommendation: 'send' | 'review' | 'reject';

  @ApiProperty({ enum: ['accept', 'review', 'reject'], example: 'review', description: 'Reception vocabulary of the Odoo inbox' })
  reception_recommendation: 'accept' | 'review' | 'reject';

  @ApiProperty({ type: [DteFindingDto] })
  findings: DteFindingDto[];

  @ApiProperty({ type: [String], example: ['T-01', 'R-01', 'R-02', 'M-04'] })
  rules_run: string[];

  @ApiProperty({
    type: [SkippedRuleDto],
    description: 'Rules that could not run for lack of data, each with the missing field; a `send` is only as good as what was checked',
  })
  rules_skipped: SkippedRuleDto[];

  @ApiProperty({
    type: [String],
    example: ['dte_data.glosa', 'dte_data.lineas[0].color'],
    description: 'Keys of the document that were not understood and were ignored; send `strict: true` to have them refused with a 400',
  })
  unknown_keys: string[];

  @ApiProperty({ enum: ['addon', 'sii'], example: 'addon', description: '`addon` = the flat `dte_data` form, `sii` = `dte` or `dte_xml`' })
  form: 'addon' | 'sii';

  @ApiProperty({ type: [String], example: ['rules', 'llm'] })
  reviewed_by: string[];

  @ApiProperty({ example: true, description: 'An LLM review was merged into the answer' })
  llm_used: boolean;

  @ApiProperty({ example: false, description: 'The answer is rules-only because no vendor is configured, the LLM failed or answered unusably, or the offline provider answered' })
  degraded: boolean;

  @ApiPropertyOptional({ enum: ['no_vendor', 'llm_failed', 'llm_malformed', 'offline'], example: 'llm_failed' })
  degraded_reason?: 'no_vendor' | 'llm_failed' | 'llm_malformed' | 'offline';

  @ApiPropertyOptional({
    enum: ['rules_blocked'],
    example: 'rules_blocked',
    description: 'Why no LLM review was asked although a vendor is configured: the rules already rejected the document',
  })
  llm_skipped_reason?: 'rules_blocked';

  @ApiPropertyOptional({ example: 'anthropic', description: 'Vendor of the LLM review (when used)' })
  provider?: string;

  @ApiPropertyOptional({ example: 'claude-sonnet-5-5', description: 'Model of the LLM review (when used)' })
  model?: string;
}
