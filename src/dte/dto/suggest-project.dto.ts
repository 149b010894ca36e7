/** Request and response of POST /api/ai/analytics/suggest_project (odoo-contract.md §3.3). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsInt, IsString } from 'class-validator';
import { ArrayOf, LenientArrayOf, LenientId, LenientNumber, LenientText } from './lenient-fields';

export class InvoiceLineDto {
  @ApiPropertyOptional({ example: 'Cemento Polpaico 25 kg obra Edificio Los Robles' }) @LenientText() description?: string;
  @ApiPropertyOptional({ example: 100 }) @LenientNumber() quantity?: number;
  @ApiPropertyOptional({ example: 4200 }) @LenientNumber() price?: number;
}

/** An open project; `id` and `name` are required, Odoo's `false` in the other fields means empty. */
export class AvailableProjectDto {
  @ApiProperty({ example: 12 })
  @IsInt({ message: '$property must be an integer (the project id)' })
  id: number;

  @ApiProperty({ example: 'Edificio Los Robles' })
  @IsString({ message: '$property must be text (the project name)' })
  name: string;

  @ApiPropertyOptional({ example: 'OB-101' }) @LenientText() code?: string;
  @ApiPropertyOptional({ example: 'Inmobiliaria Robles SpA' }) @LenientText() partner_name?: string;
  @ApiPropertyOptional({ example: 'active' }) @LenientText() state?: string;
  @ApiPropertyOptional({ example: 0 }) @LenientNumber() budget?: number;
}

export class HistoricalPurchaseDto {
  @ApiPropertyOptional({ example: '2026-10-01' }) @LenientText() date?: string;
  @ApiPropertyOptional({ example: 'Edificio Los Robles, Condominio Alto Maipo' }) @LenientText() project_name?: string;
  @ApiPropertyOptional({ example: 476000 }) @LenientNumber() amount?: number;
}

/**
 * Body of suggest_project / analytics match. Every `available_projects` item must be an object with an integer `id`
 * and a text `name`: otherwise the answer is a 400 naming the index (a project skipped silently could hide the right one).
 */
export class SuggestProjectRequestDto {
  @ApiPropertyOptional({ example: 55, nullable: true }) @LenientId() partner_id?: number | null;
  @ApiPropertyOptional({ example: '78112233-5' }) @LenientText() partner_vat?: string;
  @ApiPropertyOptional({ example: 'Comercial Maipo Ltda.' }) @LenientText() partner_name?: string;

  @ApiPropertyOptional({ type: [InvoiceLineDto], maxItems: 500 })
  @LenientArrayOf(() => InvoiceLineDto, 500, 'an object (an invoice line)')
  invoice_lines?: InvoiceLineDto[];

  @ApiPropertyOptional({ example: 1 }) @Allow() company_id?: number;

  @ApiProperty({ type: [AvailableProjectDto], maxItems: 500 })
  @ArrayOf(() => AvailableProjectDto, 500, 'an object with an integer id and a text name', { optional: false })
  available_projects: AvailableProjectDto[];

  @ApiPropertyOptional({ type: [HistoricalPurchaseDto], maxItems: 100 })
  @LenientArrayOf(() => HistoricalPurchaseDto, 100, 'an object (a past vendor bill)')
  historical_purchases?: HistoricalPurchaseDto[];
}

export class ProjectCandidateDto {
  @ApiProperty({ example: 12 }) project_id: number;
  @ApiProperty({ example: 'Edificio Los Robles' }) project_name: string;
  @ApiProperty({ example: 80 }) score: number;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class SuggestProjectResponseDto {
  @ApiProperty({ example: 12, nullable: true }) project_id: number | null;
  @ApiProperty({ example: 'Edificio Los Robles', nullable: true }) project_name: string | null;
  @ApiProperty({ example: 80, minimum: 0, maximum: 100 }) confidence: number;
  @ApiProperty({ example: 'Edificio Los Robles: El proveedor imputó 4 de sus últimas 5 facturas a este proyecto.' }) reasoning: string;
  @ApiProperty({ type: [ProjectCandidateDto] }) candidates: ProjectCandidateDto[];
  @ApiProperty({ enum: ['rules', 'llm'], example: 'rules', description: 'llm when the LLM chose among close candidates' }) decided_by: 'rules' | 'llm';
  @ApiProperty({ example: false }) llm_used: boolean;
}
