/** Request and response of POST /api/ai/reception/match_po (odoo-contract.md §3.2). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { MatchDteInput } from '../matching/po-matcher';

/** One DTE line as the addon sends it (documentation; values are read leniently by the matcher). */
export class MatchDteLineDto {
  @ApiPropertyOptional({ example: '1' }) numero?: string;
  @ApiPropertyOptional({ example: 'Cemento Polpaico 25 kg' }) nombre?: string;
  @ApiPropertyOptional({ example: 'Saco 25 kg, según OC P00042' }) descripcion?: string;
  @ApiPropertyOptional({ example: 100 }) cantidad?: number;
  @ApiPropertyOptional({ example: 4200 }) precio_unitario?: number;
  @ApiPropertyOptional({ example: 420000 }) monto_total?: number;
}

export class MatchDteReferenceDto {
  @ApiProperty({ example: '801', description: '801 orden de compra, 802 nota de pedido, HES, HEM' }) tipo: string;
  @ApiProperty({ example: 'P00042' }) folio: string;
}

export class MatchDteDataDto {
  @ApiPropertyOptional({ example: 55, nullable: true }) partner_id?: number | null;
  @ApiPropertyOptional({ example: '78112233-5' }) partner_vat?: string;
  @ApiPropertyOptional({ example: 'Comercial Maipo Ltda.' }) partner_name?: string;
  @ApiPropertyOptional({ example: 499800.0 }) total_amount?: number;
  @ApiPropertyOptional({ example: '2026-11-10' }) date?: string;
  @ApiPropertyOptional({ example: '8811', description: 'Folio of the DTE' }) reference?: string;
  @ApiPropertyOptional({ type: [MatchDteLineDto] }) lines?: MatchDteLineDto[];
  @ApiPropertyOptional({ type: [MatchDteReferenceDto] }) referencias?: MatchDteReferenceDto[];
}

export class PendingPoLineDto {
  @ApiPropertyOptional({ example: 420, nullable: true }) @Allow() product_id?: number | null;
  @ApiPropertyOptional({ example: 'Cemento Polpaico 25kg saco' }) @Allow() product_name?: string;
  @ApiPropertyOptional({ example: 100 }) @Allow() qty?: number;
  @ApiPropertyOptional({ example: 4200 }) @Allow() price_unit?: number;
  @ApiPropertyOptional({ example: 420000 }) @Allow() subtotal?: number;
}

export class PendingPoDto {
  @ApiProperty({ example: 342 })
  @IsInt()
  id: number;

  @ApiProperty({ example: 'P00042' })
  @IsString()
  name: string;

  @ApiPropertyOptional({ example: 499800.0 }) @Allow() amount_total?: number;
  @ApiPropertyOptional({ example: '2026-11-02 10:00:00' }) @Allow() date_order?: string;
  @ApiPropertyOptional({ example: 'CLP' }) @Allow() currency?: string;

  @ApiPropertyOptional({ type: [PendingPoLineDto] })
  @IsOptional()
  @IsArray()
  @Type(() => PendingPoLineDto)
  lines?: PendingPoLineDto[];
}

/** The addon sends `dte_data`; `invoice_data` is accepted as an alias (the old service's name). */
export class MatchPoRequestDto {
  @ApiPropertyOptional({ type: MatchDteDataDto, description: 'Required unless invoice_data is sent' })
  @ValidateIf((body: MatchPoRequestDto) => body.invoice_data === undefined)
  @IsObject()
  dte_data?: Record<string, unknown>;

  @ApiPropertyOptional({ type: MatchDteDataDto, description: 'Alias of dte_data' })
  @ValidateIf((body: MatchPoRequestDto) => body.dte_data === undefined)
  @IsObject()
  invoice_data?: Record<string, unknown>;

  @ApiProperty({ type: [PendingPoDto], maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PendingPoDto)
  pending_pos: PendingPoDto[];

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  company_id?: number;
}

/** The DTE part of a match request, whichever alias carried it. */
export function matchDteDataOf(body: MatchPoRequestDto): MatchDteInput {
  return (body.dte_data ?? body.invoice_data ?? {}) as MatchDteInput;
}

export class LineMatchDto {
  @ApiProperty({ example: 0 }) dte_line: number;
  @ApiProperty({ example: 0 }) po_line: number;
  @ApiProperty({ example: 420, nullable: true }) product_id: number | null;
  @ApiProperty({ example: 92 }) score: number;
}

export class PoCandidateDto {
  @ApiProperty({ example: 342 }) po_id: number;
  @ApiProperty({ example: 'P00042' }) name: string;
  @ApiProperty({ example: 98 }) score: number;
  @ApiProperty({ type: [String], example: ['El documento referencia la orden de compra P00042', 'Total $499.800 igual al de la OC'] }) reasons: string[];
}

export class MatchPoResponseDto {
  @ApiProperty({ example: 342, nullable: true, description: 'Always one of the sent ids, or null' }) matched_po_id: number | null;
  @ApiProperty({ example: 98 }) confidence: number;
  @ApiProperty({ type: [LineMatchDto] }) line_matches: LineMatchDto[];
  @ApiProperty({ example: 'P00042: El documento referencia la orden de compra P00042; Total $499.800 igual al de la OC.' }) reasoning: string;
  @ApiProperty({ type: [PoCandidateDto] }) candidates: PoCandidateDto[];
  @ApiProperty({ example: false }) needs_tiebreak: boolean;
  @ApiProperty({ enum: ['rules', 'llm'], example: 'rules', description: 'llm when the LLM chose among close candidates' }) decided_by: 'rules' | 'llm';
  @ApiProperty({ example: false }) llm_used: boolean;
}
