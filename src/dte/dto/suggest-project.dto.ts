/** Request and response of POST /api/ai/analytics/suggest_project (odoo-contract.md §3.3). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';

export class InvoiceLineDto {
  @ApiPropertyOptional({ example: 'Cemento Polpaico 25 kg obra Edificio Los Robles' }) @Allow() description?: string;
  @ApiPropertyOptional({ example: 100 }) @Allow() quantity?: number;
  @ApiPropertyOptional({ example: 4200 }) @Allow() price?: number;
}

export class AvailableProjectDto {
  @ApiProperty({ example: 12 })
  @IsInt()
  id: number;

  @ApiProperty({ example: 'Edificio Los Robles' })
  @IsString()
  name: string;

  @ApiPropertyOptional({ example: 'OB-101' }) @Allow() code?: string;
  @ApiPropertyOptional({ example: 'Inmobiliaria Robles SpA' }) @Allow() partner_name?: string;
  @ApiPropertyOptional({ example: 'active' }) @Allow() state?: string;
  @ApiPropertyOptional({ example: 0 }) @Allow() budget?: number;
}

export class HistoricalPurchaseDto {
  @ApiPropertyOptional({ example: '2026-10-01' }) @Allow() date?: string;
  @ApiPropertyOptional({ example: 'Edificio Los Robles, Condominio Alto Maipo' }) @Allow() project_name?: string;
  @ApiPropertyOptional({ example: 476000 }) @Allow() amount?: number;
}

export class SuggestProjectRequestDto {
  @ApiPropertyOptional({ example: 55, nullable: true }) @Allow() partner_id?: number | null;
  @ApiPropertyOptional({ example: '78112233-5' }) @Allow() partner_vat?: string;
  @ApiPropertyOptional({ example: 'Comercial Maipo Ltda.' }) @Allow() partner_name?: string;

  @ApiPropertyOptional({ type: [InvoiceLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Type(() => InvoiceLineDto)
  invoice_lines?: InvoiceLineDto[];

  @ApiPropertyOptional({ example: 1 }) @Allow() company_id?: number;

  @ApiProperty({ type: [AvailableProjectDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AvailableProjectDto)
  available_projects: AvailableProjectDto[];

  @ApiPropertyOptional({ type: [HistoricalPurchaseDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Type(() => HistoricalPurchaseDto)
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
