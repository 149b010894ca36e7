import { ApiProperty } from '@nestjs/swagger';

import type { IndicatorChangeKind } from '../indicators/indicator-changes';
import type { IndicatorStatus } from '../indicators/indicator-set';
import type { IndicatorProvenanceView, IndicatorsResponse } from '../indicators/indicators-response';

const STATUS_DESCRIPTION =
  'confirmed (official source), derived (computed from confirmed values), carried_forward (copied from an earlier month while the source has not published), imported (pinned by an admin), unofficial, missing';

/** Where the served set comes from and how many numeric fields it has. */
export class IndicatorsMetadataDto {
  @ApiProperty({
    example: 'payroll-cl.json',
    description: "'payroll-cl.json' for shipped data, 'import:csv' / 'import:json' after an admin import, 'fetch' after the scheduled fetch, 'carried_forward' for a month no source has published yet",
  })
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
      uf: 39841.72,
      utm: 69889,
      uta: 838668,
      sueldo_minimo: 539000,
      afp_tope_uf: 90,
      afc_tope_uf: 135.2,
      apv_tope_mensual_uf: 50,
      apv_tope_anual_uf: 600,
      asig_fam_tramo_1: 22007,
      asig_fam_tramo_2: 13505,
      asig_fam_tramo_3: 4267,
      asig_fam_tramo_4: 0,
      exvida_pct: 1.54,
      afc_trabajador_indefinido: 0.6,
      afc_empleador_indefinido: 2.4,
      fonasa_pct: 7,
      afp_modelo_pct: 10.58,
    },
  })
  indicators: Record<string, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { uf: 'carried_forward', utm: 'confirmed', fonasa_pct: 'confirmed' },
    description: `status of each name in indicators: ${STATUS_DESCRIPTION}`,
  })
  statuses: Record<string, IndicatorStatus>;

  @ApiProperty({ type: [String], example: ['uf'], description: 'names whose value was copied from an earlier month because the source has not published yet' })
  carried_forward: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object' },
    example: {
      uf: {
        status: 'carried_forward',
        source: 'SII',
        source_url: 'https://www.sii.cl/valores_y_fechas/uf/uf2026.htm',
        fetched_at: '2026-12-04T12:00:00.000Z',
        source_hash: 'sha256:9f2c…',
        carried_from: '2026-11',
      },
    },
    description: 'per indicator of the set: status, source, source page URL, fetch time, SHA-256 of the page and the month a carried value came from',
  })
  provenance: Partial<Record<string, IndicatorProvenanceView>>;

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
  @ApiProperty({
    type: [String],
    example: ['set 1 (2026-06 seguroSocialExpectativaVida)'],
    description: 'keys of a JSON import that no indicator reads, stored as given (keys within two edits of a known one are rejected as typos)',
  })
  kept_unknown: string[];
}
