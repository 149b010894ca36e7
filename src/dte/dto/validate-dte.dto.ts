/** Request body of POST /api/ai/validate: the addon's `{dte_data, history, company_id, mode}` or the richer `{dte, context, source}`. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FlatDocumentPartsDto } from './flat-dte-data.dto';
import { Allow, ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Min, ValidateIf } from 'class-validator';

/**
 * The flat form (documentation only: its contents are checked by the rules, not here): the inbox's reception keys
 * plus every other part of the document (`src/dte/normalize/addon-fields.table.ts` has the whole table).
 */
export class AddonDteDataDto extends FlatDocumentPartsDto {
  @ApiProperty({ example: '33', description: 'TipoDTE; the addon sends it as text' })
  tipo_dte: string | number;

  @ApiProperty({ example: '8811' })
  folio: string | number;

  @ApiProperty({ example: '2026-11-10', description: 'YYYY-MM-DD or ISO datetime' })
  fecha_emision: string;

  @ApiProperty({ example: '78112233-5', description: 'Dots, spaces and a CL prefix are accepted' })
  rut_emisor: string;

  @ApiProperty({ example: 'Comercial Maipo Ltda.' })
  razon_social_emisor: string;

  @ApiProperty({ example: 499800.0, description: 'CLP; IVA 19 % of monto_neto included' })
  monto_total: number;

  @ApiPropertyOptional({ example: 420000.0 })
  monto_neto?: number;

  @ApiPropertyOptional({ example: 79800.0 })
  monto_iva?: number;

  @ApiPropertyOptional({ example: 0.0 })
  monto_exento?: number;

  @ApiPropertyOptional({ example: '76086428-5' })
  rut_receptor?: string;
}

/** One of the supplier's previous documents, as the addon sends it. */
export class DteHistoryItemDto {
  @ApiProperty({ example: '33' })
  tipo_dte: string;

  @ApiProperty({ example: '8790' })
  folio: string;

  @ApiPropertyOptional({ example: '2026-10-14', nullable: true })
  fecha_emision?: string | null;

  @ApiProperty({ example: 476000.0 })
  monto_total: number;

  @ApiPropertyOptional({ example: 400000.0 })
  monto_neto?: number;

  @ApiPropertyOptional({ example: 76000.0 })
  monto_iva?: number;

  @ApiPropertyOptional({ example: 0.0 })
  monto_exento?: number;
}

const SII_DTE_EXAMPLE = {
  TipoDTE: 33,
  Folio: 123,
  FchEmis: '2026-11-16',
  Emisor: {
    RUTEmisor: '76086428-5',
    RznSoc: 'Ferretería Los Andes SpA',
    GiroEmis: 'Venta de materiales de construcción',
    Acteco: [466301],
    DirOrigen: 'Av. Vicuña Mackenna 1234',
    CmnaOrigen: 'Ñuñoa',
  },
  Receptor: { RUTRecep: '96874030-K', RznSocRecep: 'Constructora Cordillera S.A.', GiroRecep: 'Construcción de edificios', DirRecep: 'Av. Providencia 2100', CmnaRecep: 'Providencia' },
  Totales: { MntNeto: 100000, MntExe: 0, TasaIVA: 19, IVA: 19000, MntTotal: 119000 },
  Detalle: [{ NroLinDet: 1, NmbItem: 'Cemento Polpaico 25 kg', QtyItem: 20, PrcItem: 5000, MontoItem: 100000 }],
  Referencia: [{ NroLinRef: 1, TpoDocRef: '801', FolioRef: 'P00042', FchRef: '2026-11-02' }],
};

/** Context for the certification environment of the `environment` example (IDK 100 = certification CAF). */
const CONTEXT_EXAMPLE = {
  caf: { TD: 33, D: 101, H: 500, FA: '2026-09-01', IDK: 100, RE: '76086428-5' },
  company: {
    vat: '76086428-5',
    resolution_date: '2014-08-22',
    resolution_number: 0,
    regional_office: 'Santiago Oriente',
    dte_email: 'dte@ferreterialosandes.cl',
    activity_description: 'Venta de materiales de construcción',
    activity_codes: [466301],
  },
  partner: { l10n_cl_sii_taxpayer_type: '1' },
  envelope: 'EnvioDTE',
  issued_folios: [{ folio: 122, status: 'accepted', date: '2026-11-13', partner_vat: '77123456-9', amount_total: 59500 }],
  now_cl: '2026-11-16T10:15:00-03:00',
};

/**
 * Either form is accepted; only a structurally unusable body (neither `dte_data` nor `dte` an object, bad company_id,
 * history not a list) is a 400. Messy values inside the document come back as findings with 200.
 */
export class ValidateDteRequestDto {
  @ApiPropertyOptional({ type: AddonDteDataDto, description: "Flat form: the inbox's reception summary or, with `lineas`, the whole document. Required unless `dte` or `dte_xml` is sent." })
  @ValidateIf((body: ValidateDteRequestDto) => body.dte === undefined && body.dte_xml === undefined)
  @IsObject()
  dte_data?: Record<string, unknown>;

  @ApiPropertyOptional({ example: SII_DTE_EXAMPLE, description: 'Richer form named after the SII XML tags. Required unless `dte_data` is sent.' })
  @ValidateIf((body: ValidateDteRequestDto) => body.dte_data === undefined && body.dte_xml === undefined)
  @IsObject()
  dte?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: '<DTE version="1.0"><Documento ID="F123T33"><Encabezado>…</Encabezado>…</Documento></DTE>',
    description: 'The DTE as SII XML (a DTE or an EnvioDTE holding one); read like `dte` when neither `dte` nor `dte_data` is sent',
  })
  @ValidateIf((body: ValidateDteRequestDto) => body.dte_xml !== undefined)
  @IsString()
  dte_xml?: string;

  @ApiPropertyOptional({ example: CONTEXT_EXAMPLE, description: 'What Odoo knows besides the document; every part is optional and a rule whose part is absent stays silent.' })
  @IsOptional()
  @IsObject()
  context?: Record<string, unknown>;

  @ApiPropertyOptional({ example: { system: 'odoo', version: '19.0', company_id: 1, move_id: 4711 } })
  @IsOptional()
  @IsObject()
  source?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 1, minimum: 1, description: 'Required with `dte_data`; the richer form may carry it in `source.company_id`.' })
  @ValidateIf((body: ValidateDteRequestDto) => body.dte_data !== undefined || body.company_id !== undefined)
  @IsInt()
  @Min(1)
  company_id?: number;

  @ApiPropertyOptional({ type: [DteHistoryItemDto], maxItems: 100, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  history?: Record<string, unknown>[] = [];

  @ApiPropertyOptional({ example: 'reception', description: 'reception | emission; informative' })
  @IsOptional()
  @IsString()
  mode?: string;

  @ApiPropertyOptional({ example: 'SIITEST' })
  @Allow()
  environment?: unknown;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description: 'true: keys of the document the service does not understand are refused with a 400 naming them, instead of being ignored and listed in `unknown_keys`',
  })
  @IsOptional()
  @IsBoolean()
  strict?: boolean;
}
