/** Request and response of POST /api/ai/reception/match_po (odoo-contract.md §3.2). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { MatchDteInput } from '../matching/po-matcher';
import { matchInputFromXml } from '../xml/dte-xml-input';
import { ArrayOf, LenientArrayOf, LenientDate, LenientId, LenientNumber, LenientText, looseText } from './lenient-fields';

const MAX_DTE_LINES = 1000;
const MAX_DTE_REFERENCES = 40;
const MAX_PO_LINES = 1000;

/** One DTE line as the addon sends it. */
export class MatchDteLineDto {
  @ApiPropertyOptional({ example: '1' }) @LenientText() numero?: string;
  @ApiPropertyOptional({ example: 'Cemento Polpaico 25 kg' }) @LenientText() nombre?: string;
  @ApiPropertyOptional({ example: 'Saco 25 kg, según OC P00042' }) @LenientText() descripcion?: string;
  @ApiPropertyOptional({ example: 100 }) @LenientNumber() cantidad?: number;
  @ApiPropertyOptional({ example: 4200 }) @LenientNumber() precio_unitario?: number;
  @ApiPropertyOptional({ example: 420000 }) @LenientNumber() monto_total?: number;
}

export class MatchDteReferenceDto {
  @ApiProperty({ example: '801', description: '801 orden de compra, 802 nota de pedido, HES, HEM' })
  @Transform(({ value }) => looseText(value))
  @IsString()
  tipo: string;

  @ApiProperty({ example: 'P00042' })
  @Transform(({ value }) => looseText(value))
  @IsString()
  folio: string;
}

/**
 * The received DTE. Odoo's `false` / null / blank count as absent; numbers may come as text; a value of the wrong
 * kind (an object where a number or date goes, `lines: 0`) is a 400 naming the field.
 */
export class MatchDteDataDto {
  @ApiPropertyOptional({ example: 55, nullable: true }) @LenientId() partner_id?: number | null;
  @ApiPropertyOptional({ example: '78112233-5' }) @LenientText() partner_vat?: string;
  @ApiPropertyOptional({ example: 'Comercial Maipo Ltda.' }) @LenientText() partner_name?: string;
  @ApiPropertyOptional({ example: 499800.0 }) @LenientNumber() total_amount?: number;
  @ApiPropertyOptional({ example: '2026-11-10', description: 'YYYY-MM-DD (a datetime is cut to its date)' }) @LenientDate() date?: string;
  @ApiPropertyOptional({ example: '8811', description: 'Folio of the DTE' }) @LenientText() reference?: string;

  @ApiPropertyOptional({ type: [MatchDteLineDto], maxItems: MAX_DTE_LINES })
  @LenientArrayOf(() => MatchDteLineDto, MAX_DTE_LINES, 'an object (a DTE line)')
  lines?: MatchDteLineDto[];

  @ApiPropertyOptional({ type: [MatchDteReferenceDto], maxItems: MAX_DTE_REFERENCES })
  @LenientArrayOf(() => MatchDteReferenceDto, MAX_DTE_REFERENCES, 'an object with tipo and folio')
  referencias?: MatchDteReferenceDto[];
}

export class PendingPoLineDto {
  @ApiPropertyOptional({ example: 420, nullable: true }) @LenientId() product_id?: number | null;
  @ApiPropertyOptional({ example: 'Cemento Polpaico 25kg saco' }) @LenientText() product_name?: string;
  @ApiPropertyOptional({ example: 100 }) @LenientNumber() qty?: number;
  @ApiPropertyOptional({ example: 4200 }) @LenientNumber() price_unit?: number;
  @ApiPropertyOptional({ example: 420000 }) @LenientNumber() subtotal?: number;
}

export class PendingPoDto {
  @ApiProperty({ example: 342 })
  @IsInt()
  id: number;

  @ApiProperty({ example: 'P00042' })
  @IsString()
  name: string;

  @ApiPropertyOptional({ example: 499800.0 }) @LenientNumber() amount_total?: number;
  @ApiPropertyOptional({ example: '2026-11-02 10:00:00', description: 'Naive datetime; cut to YYYY-MM-DD' }) @LenientDate() date_order?: string;
  @ApiPropertyOptional({ example: 'CLP' }) @LenientText() currency?: string;

  @ApiPropertyOptional({ type: [PendingPoLineDto], maxItems: MAX_PO_LINES })
  @LenientArrayOf(() => PendingPoLineDto, MAX_PO_LINES, 'an object (a PO line)')
  lines?: PendingPoLineDto[];
}

/** The addon sends `dte_data`; `invoice_data` (the old service's name) and `dte_xml` (the old /reconcile body) are accepted too. */
export class MatchPoRequestDto {
  @ApiPropertyOptional({ type: MatchDteDataDto, description: 'Required unless invoice_data or dte_xml is sent' })
  @ValidateIf((body: MatchPoRequestDto) => body.dte_data !== undefined || (body.invoice_data === undefined && body.dte_xml === undefined))
  @IsObject({ message: 'dte_data must be an object (or send the DTE as invoice_data or dte_xml)' })
  @ValidateNested()
  @Type(() => MatchDteDataDto)
  dte_data?: MatchDteDataDto;

  @ApiPropertyOptional({ type: MatchDteDataDto, description: 'Alias of dte_data; ignored when dte_data is sent' })
  @ValidateIf((body: MatchPoRequestDto) => body.dte_data === undefined && body.invoice_data !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => MatchDteDataDto)
  invoice_data?: MatchDteDataDto;

  @ApiPropertyOptional({
    example: '<DTE version="1.0"><Documento ID="F8811T33"><Encabezado>…</Encabezado>…</Documento></DTE>',
    description: "The received DTE's XML (a DTE or an EnvioDTE with one DTE); used when neither dte_data nor invoice_data is sent",
  })
  @ValidateIf((body: MatchPoRequestDto) => body.dte_xml !== undefined)
  @IsString()
  dte_xml?: string;

  @ApiProperty({ type: [PendingPoDto], maxItems: 200 })
  @ArrayOf(() => PendingPoDto, 200, 'an object with an integer id and a text name', { optional: false })
  pending_pos: PendingPoDto[];

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  company_id?: number;
}

/** The DTE part of a match request, whichever alias carried it; `dte_xml` is read only when neither is sent. */
export function matchDteDataOf(body: MatchPoRequestDto): MatchDteInput {
  if (body.dte_data === undefined && body.invoice_data === undefined && body.dte_xml !== undefined) return matchInputFromXml(body.dte_xml);
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

/** The deprecated /api/ai/reconcile answer: the addon's old client (AIApiClient.reconcile_invoice) reads `po_id`. */
export class ReconcileResponseDto extends MatchPoResponseDto {
  @ApiProperty({ example: 342, nullable: true, description: 'Same as matched_po_id, under the name the old addon client reads' }) po_id: number | null;
}
