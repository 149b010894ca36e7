/**
 * Header fields with obligation 0 ("no corresponde") per document type, for H-02. Sources: FMT v2.2 field matrix
 * (c.6 TipoDespacho, c.7 IndTraslado, c.10 MntBruto, c.38-40 CdgTraslado/FolioAut/FchAut, zone Transporte, c.107/111/112),
 * read in the transcription `EmeralHQ/openfactura-ruby` → `.claude/skills/sii-dte-formato/references/formato-dte-sii.md`,
 * and the SII schemas: DTE_v10.xsd has no TipoDespacho/GuiaExport/Transporte under `Liquidacion` (43), no
 * IndTraslado/GuiaExport/MntBruto/MntNeto/TasaIVA/IVA under `Exportaciones` (110-112); EnvioBOLETA_v11.xsd has no
 * TipoDespacho/GuiaExport/Transporte/MntBruto/TasaIVA for boletas (39/41).
 */
import type { DteType } from '../../dte.constants';

export interface ForbiddenField {
  path: string;
  /** Spanish label used in messages. */
  label: string;
  forbiddenFor: readonly DteType[];
  /** Why it does not belong there, worded for the bookkeeper. */
  hint: string;
  /** Another rule already reports this field (all values, or only non-zero ones); H-02 then stays silent for those. */
  reportedBy?: { ruleId: string; values: 'all' | 'nonZero' };
}

const NOT_GUIA: readonly DteType[] = [33, 34, 39, 41, 43, 46, 56, 61, 110, 111, 112];
const EXPORTS: readonly DteType[] = [110, 111, 112];

export const FORBIDDEN_FIELDS: readonly ForbiddenField[] = [
  {
    path: 'TipoDespacho',
    label: 'tipo de despacho (TipoDespacho)',
    forbiddenFor: [39, 41, 43, 56, 61, 111, 112],
    hint: 'solo se informa en documentos que acompañan bienes (facturas, guías, facturas de compra y de exportación)',
  },
  {
    path: 'IndTraslado',
    label: 'indicador de traslado (IndTraslado)',
    forbiddenFor: NOT_GUIA,
    hint: 'solo corresponde a guías de despacho (52)',
    reportedBy: { ruleId: 'G-01', values: 'all' },
  },
  {
    path: 'MntBruto',
    label: 'indicador de montos brutos (MntBruto)',
    forbiddenFor: [39, 41, ...EXPORTS],
    hint: 'no existe en boletas (usan IndMntNeto) ni en documentos de exportación',
  },
  {
    path: 'CdgTraslado',
    label: 'código de traslado excepcional (CdgTraslado)',
    forbiddenFor: NOT_GUIA,
    hint: 'solo corresponde a guías de despacho (52) de exportación',
  },
  {
    path: 'FolioAut',
    label: 'folio de autorización (FolioAut)',
    forbiddenFor: NOT_GUIA,
    hint: 'solo corresponde a guías de despacho (52) con código de traslado 4',
  },
  {
    path: 'FchAut',
    label: 'fecha de autorización (FchAut)',
    forbiddenFor: NOT_GUIA,
    hint: 'solo corresponde a guías de despacho (52) con código de traslado 4',
  },
  {
    path: 'Transporte',
    label: 'datos de transporte (Transporte)',
    forbiddenFor: [39, 41, 43],
    hint: 'las boletas y la liquidación-factura no llevan zona de transporte',
  },
  {
    path: 'Totales.MntNeto',
    label: 'monto neto',
    forbiddenFor: [34, ...EXPORTS],
    hint: 'el documento es exento',
    reportedBy: { ruleId: 'M-08', values: 'all' },
  },
  {
    path: 'Totales.TasaIVA',
    label: 'tasa de IVA',
    forbiddenFor: EXPORTS,
    hint: 'los documentos de exportación no llevan IVA',
    reportedBy: { ruleId: 'M-08', values: 'all' },
  },
  {
    path: 'Totales.IVA',
    label: 'IVA',
    forbiddenFor: EXPORTS,
    hint: 'los documentos de exportación no llevan IVA (el esquema del SII no tiene ese campo en Exportaciones)',
    reportedBy: { ruleId: 'T-04', values: 'nonZero' },
  },
];
