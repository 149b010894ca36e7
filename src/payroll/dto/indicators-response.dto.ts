import { ApiProperty } from '@nestjs/swagger';

import type { IndicatorChangeKind } from '../indicators/indicator-changes';
import type { IndicatorsResponse } from '../indicators/indicators-response';

/** Where the served set comes from and how many numeric fields it has. */
export class IndicatorsMetadataDto {
  @ApiProperty({ example: 'payroll-cl.json', description: "'payroll-cl.json' for shipped data, 'import:csv' / 'import:json' after an admin import" })
  source: string;
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ example: 45 }) fields_count: number;
  @ApiProperty({ example: '2026-11-22T12:00:00.000Z' }) updated_at: string;
  @ApiProperty({ example: 'shipped' }) imported_by: string;
}

/** Response of GET /api/payroll/indicators/{period} (odoo-contract.md §3.5) plus the names that are gaps or unofficial. */
export class IndicatorsResponseDto implements IndicatorsResponse {
  @ApiProperty({ example: true, enum: [true] }) success: true;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: {
      uf: 39841.72, utm: 69889, uta: 838668, sueldo_minimo: 539000, afp_tope_uf: 90, afc_tope_uf: 135.2,
      apv_tope_mensual_uf: 50, apv_tope_anual_uf: 600, asig_fam_tramo_1: 22007, asig_fam_tramo_2: 13505,
      asig_fam_tramo_3: 4267, asig_fam_tramo_4: 0, exvida_pct: 1.54, afc_trabajador_indefinido: 0.6,
      afc_empleador_indefinido: 2.4, fonasa_pct: 7, afp_modelo_pct: 10.58,
    },
  })
  indicators: Record<string, number>;

  @ApiProperty({ type: [String], example: [], description: 'names with no value for this period (left out of `indicators`)' })
  unconfirmed: string[];

  @ApiProperty({ type: [String], example: [], description: 'names whose value comes only from unofficial sources' })
  unofficial: string[];

  @ApiProperty({ type: IndicatorsMetadataDto }) metadata: IndicatorsMetadataDto;
}

/** What an import did to one period. */
export class PeriodChangeDto {
  @ApiProperty({ example: '2026-06' }) period: string;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged'], example: 'created' }) action: IndicatorChangeKind;
  @ApiProperty({ type: [String], example: ['uf', 'utm'] }) changed: string[];
}

/** Response of POST /api/payroll/indicators/import. */
export class ImportIndicatorsResponseDto {
  @ApiProperty({ example: '6c1f0b7e-1d7a-4c55-9a53-0f1e4d3b8a21' }) import_id: string;
  @ApiProperty({ example: 'admin' }) imported_by: string;
  @ApiProperty({ example: '2026-11-22T12:00:00.000Z' }) imported_at: string;
  @ApiProperty({ enum: ['json', 'csv'], example: 'csv' }) format: 'json' | 'csv';
  @ApiProperty({ type: [PeriodChangeDto] }) periods: PeriodChangeDto[];
}
