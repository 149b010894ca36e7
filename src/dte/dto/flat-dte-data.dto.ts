/** Swagger documentation of the flat `dte_data` form (its contents are checked by the rules, not by class-validator). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FlatLineDto {
  @ApiPropertyOptional({ example: 1 }) numero_linea?: number;
  @ApiProperty({ example: 'Cemento Polpaico 25 kg' }) nombre: string;
  @ApiPropertyOptional({ example: 'Saco 25 kg' }) descripcion?: string;
  @ApiPropertyOptional({ example: 20 }) cantidad?: number;
  @ApiPropertyOptional({ example: 'UN' }) unidad?: string;
  @ApiPropertyOptional({ example: 4200 }) precio_unitario?: number;
  @ApiPropertyOptional({ example: 0 }) descuento_pct?: number;
  @ApiPropertyOptional({ example: 0 }) descuento_monto?: number;
  @ApiPropertyOptional({ example: 0 }) recargo_pct?: number;
  @ApiPropertyOptional({ example: 0 }) recargo_monto?: number;
  @ApiPropertyOptional({ example: 1, description: 'IndExe: 1 exento, 2 no facturable, ... 6' }) ind_exe?: number;
  @ApiPropertyOptional({ example: [27], description: 'Additional-tax codes of the line (CodImpAdic), at most two' }) cod_imp_adic?: number[];
  @ApiPropertyOptional({ example: [{ tipo_codigo: 'INT1', valor_codigo: 'CEM-25' }] }) codigos?: object[];
  @ApiProperty({ example: 84000, description: 'MontoItem; alias monto_total' }) monto: number;
}

export class FlatReferenceDto {
  @ApiPropertyOptional({ example: 1 }) numero_linea_ref?: number;
  @ApiProperty({ example: '33', description: 'TpoDocRef: a DTE type, 801 orden de compra, HES, ...' }) tipo_doc_ref: string;
  @ApiProperty({ example: '121' }) folio_ref: string;
  @ApiPropertyOptional({ example: '2026-11-04' }) fecha_ref?: string;
  @ApiPropertyOptional({ example: 1, description: 'CodRef: 1 anula, 2 corrige texto, 3 corrige montos' }) cod_ref?: number;
  @ApiPropertyOptional({ example: 'Anula factura 121' }) razon_ref?: string;
  @ApiPropertyOptional({ example: '96874030-K', description: 'RUTOtr' }) rut_otro?: string;
  @ApiPropertyOptional({ example: 1 }) ind_global?: number;
}

export class FlatTransportDto {
  @ApiPropertyOptional({ example: 'KJTR45' }) patente?: string;
  @ApiPropertyOptional({ example: 'JX4021' }) patente_carro?: string;
  @ApiPropertyOptional({ example: '78112233-5' }) rut_transportista?: string;
  @ApiPropertyOptional({ example: '12345678-5' }) rut_chofer?: string;
  @ApiPropertyOptional({ example: 'Pedro Soto Muñoz' }) nombre_chofer?: string;
  @ApiPropertyOptional({ example: 'Camino a Melipilla 8800' }) direccion_destino?: string;
  @ApiPropertyOptional({ example: 'Maipú' }) comuna_destino?: string;
  @ApiPropertyOptional({ example: '2026-11-16' }) fecha_salida?: string;
  @ApiPropertyOptional({ example: '08:30:00' }) hora_salida?: string;
  @ApiPropertyOptional({ example: '2026-11-16' }) fecha_llegada?: string;
}

export class FlatGlobalAdjustmentDto {
  @ApiProperty({ enum: ['D', 'R'], example: 'D' }) tipo_movimiento: 'D' | 'R';
  @ApiProperty({ enum: ['%', '$'], example: '$' }) tipo_valor: '%' | '$';
  @ApiPropertyOptional({ example: 'Descuento por volumen' }) glosa?: string;
  @ApiProperty({ example: 5000 }) valor: number;
  @ApiPropertyOptional({ example: 1, description: 'IndExeDR: 1 applies to exempt amounts, 2 to non-billable' }) ind_exe?: number;
}

export class FlatAdditionalTaxDto {
  @ApiProperty({ example: 27, description: 'TipoImp (SII additional-tax code)' }) tipo_imp: number;
  @ApiPropertyOptional({ example: 10 }) tasa_imp?: number;
  @ApiProperty({ example: 8400 }) monto_imp: number;
}

/** The header keys beyond the inbox's reception summary; lists and parts are the DTOs above. */
export class FlatDocumentPartsDto {
  @ApiPropertyOptional({ example: '2026-12-16' }) fecha_vencimiento?: string;
  @ApiPropertyOptional({ example: 2, description: '1 contado, 2 crédito, 3 sin costo' }) forma_pago?: number;
  @ApiPropertyOptional({ example: 3, description: 'Boletas: IndServicio 1-4' }) ind_servicio?: number;
  @ApiPropertyOptional({ example: 1, description: 'Guías: IndTraslado 1-9' }) ind_traslado?: number;
  @ApiPropertyOptional({ example: 2, description: 'Boletas: 2 = line amounts are net' }) ind_mnt_neto?: number;
  @ApiPropertyOptional({ example: 'Venta al por mayor de materiales de construcción' }) giro_emisor?: string;
  @ApiPropertyOptional({ example: [466301] }) acteco?: number[];
  @ApiPropertyOptional({ example: 'Av. Vicuña Mackenna 1234' }) direccion_emisor?: string;
  @ApiPropertyOptional({ example: 'Ñuñoa' }) comuna_emisor?: string;
  @ApiPropertyOptional({ example: 'Constructora Cordillera S.A.' }) razon_social_receptor?: string;
  @ApiPropertyOptional({ example: 'Construcción de edificios' }) giro_receptor?: string;
  @ApiPropertyOptional({ example: 'Av. Providencia 2100' }) direccion_receptor?: string;
  @ApiPropertyOptional({ example: 'Providencia' }) comuna_receptor?: string;
  @ApiPropertyOptional({ example: 'DOLAR USA', description: 'TpoMoneda of export documents' }) moneda?: string;
  @ApiPropertyOptional({ example: 19 }) tasa_iva?: number;
  @ApiPropertyOptional({ type: [FlatLineDto], description: 'Alias `lines`. Without lines the body is read as the reception summary.' }) lineas?: FlatLineDto[];
  @ApiPropertyOptional({ type: [FlatReferenceDto], description: 'Alias `references`' }) referencias?: FlatReferenceDto[];
  @ApiPropertyOptional({ type: FlatTransportDto }) transporte?: FlatTransportDto;
  @ApiPropertyOptional({ type: [FlatGlobalAdjustmentDto] }) descuentos_recargos?: FlatGlobalAdjustmentDto[];
  @ApiPropertyOptional({ type: [FlatAdditionalTaxDto] }) impuestos_adicionales?: FlatAdditionalTaxDto[];
}
