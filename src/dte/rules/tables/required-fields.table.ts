/** Header fields with obligation 1 per document type (FMT v2.2 matrix, dte-rules.md §3; boletas per XSD-BOL §10). */
import { DTE_TYPES, type DteType } from '../../dte.constants';

export interface RequiredField {
  path: string;
  /** Spanish label used in messages. */
  label: string;
  requiredFor: readonly DteType[];
}

const ALL = DTE_TYPES;
const NOT_BOLETA: readonly DteType[] = [33, 34, 43, 46, 52, 56, 61, 110, 111, 112];
const WITH_ORIGIN_ADDRESS: readonly DteType[] = [33, 34, 43, 46, 52, 110];
const NATIONAL_FULL_RECEPTOR: readonly DteType[] = [33, 34, 43, 46, 52];

/** IndTraslado (mandatory on 52) is enforced by G-01 together with its allowed values. */
export const REQUIRED_FIELDS: readonly RequiredField[] = [
  { path: 'TipoDTE', label: 'tipo de documento', requiredFor: ALL },
  { path: 'Folio', label: 'folio', requiredFor: ALL },
  { path: 'FchEmis', label: 'fecha de emisión', requiredFor: ALL },
  { path: 'IndServicio', label: 'indicador de servicio', requiredFor: [39, 41] },
  { path: 'Emisor.RUTEmisor', label: 'RUT del emisor', requiredFor: ALL },
  { path: 'Emisor.RznSoc', label: 'razón social del emisor', requiredFor: ALL },
  { path: 'Emisor.GiroEmis', label: 'giro del emisor', requiredFor: ALL },
  { path: 'Emisor.Acteco', label: 'código de actividad económica del emisor', requiredFor: NOT_BOLETA },
  { path: 'Emisor.DirOrigen', label: 'dirección de origen', requiredFor: WITH_ORIGIN_ADDRESS },
  { path: 'Emisor.CmnaOrigen', label: 'comuna de origen', requiredFor: WITH_ORIGIN_ADDRESS },
  { path: 'Receptor.RUTRecep', label: 'RUT del receptor', requiredFor: ALL },
  { path: 'Receptor.RznSocRecep', label: 'razón social del receptor', requiredFor: NOT_BOLETA },
  { path: 'Receptor.GiroRecep', label: 'giro del receptor', requiredFor: NATIONAL_FULL_RECEPTOR },
  { path: 'Receptor.DirRecep', label: 'dirección del receptor', requiredFor: WITH_ORIGIN_ADDRESS },
  { path: 'Receptor.CmnaRecep', label: 'comuna del receptor', requiredFor: NATIONAL_FULL_RECEPTOR },
  { path: 'Receptor.CiudadRecep', label: 'ciudad del receptor', requiredFor: [110] },
  { path: 'Totales.MntExe', label: 'monto exento', requiredFor: [34, 110, 111, 112] },
  { path: 'Totales.MntTotal', label: 'monto total', requiredFor: ALL },
];
