/**
 * The flat `dte_data` form: one snake_case Spanish key per part of the document, extending the names the Odoo inbox
 * already sends (`tipo_dte`, `folio`, `monto_*`). Each key maps onto the SII tag it stands for, so a flat body becomes
 * the SII-tag JSON and both forms go through the same normalizer and rules.
 */

/** A flat key, the SII tag (or dotted path below the part) it stands for, and the other names accepted for it. */
export interface FlatField {
  key: string;
  tag: string;
  aliases?: readonly string[];
}

/** A repeated or nested part of the document: its flat key, the SII tag and the keys of one item. */
export interface FlatGroup {
  key: string;
  /** SII path of the part (`Detalle`, `Totales.ImptoReten`, `Transporte`). */
  tag: string;
  aliases?: readonly string[];
  /** True when the part is a list of items. */
  list: boolean;
  fields: readonly FlatField[];
}

/** Header keys: the addon's reception names plus everything else `Encabezado` holds. Tags are SII paths. */
export const FLAT_HEADER_FIELDS: readonly FlatField[] = [
  { key: 'tipo_dte', tag: 'TipoDTE' },
  { key: 'folio', tag: 'Folio' },
  { key: 'fecha_emision', tag: 'FchEmis' },
  { key: 'fecha_vencimiento', tag: 'FchVenc' },
  { key: 'forma_pago', tag: 'FmaPago' },
  { key: 'ind_servicio', tag: 'IndServicio' },
  { key: 'ind_traslado', tag: 'IndTraslado' },
  { key: 'tipo_despacho', tag: 'TipoDespacho' },
  { key: 'codigo_traslado', tag: 'CdgTraslado' },
  { key: 'folio_autorizacion', tag: 'FolioAut' },
  { key: 'fecha_autorizacion', tag: 'FchAut' },
  { key: 'ind_monto_bruto', tag: 'MntBruto' },
  { key: 'ind_mnt_neto', tag: 'IndMntNeto' },
  { key: 'rut_emisor', tag: 'Emisor.RUTEmisor' },
  { key: 'razon_social_emisor', tag: 'Emisor.RznSoc' },
  { key: 'giro_emisor', tag: 'Emisor.GiroEmis' },
  { key: 'acteco', tag: 'Emisor.Acteco' },
  { key: 'direccion_emisor', tag: 'Emisor.DirOrigen' },
  { key: 'comuna_emisor', tag: 'Emisor.CmnaOrigen' },
  { key: 'ciudad_emisor', tag: 'Emisor.CiudadOrigen' },
  { key: 'codigo_sucursal_sii', tag: 'Emisor.CdgSIISucur' },
  { key: 'sucursal', tag: 'Emisor.Sucursal' },
  { key: 'codigo_vendedor', tag: 'Emisor.CdgVendedor' },
  { key: 'telefono_emisor', tag: 'Emisor.Telefono' },
  { key: 'correo_emisor', tag: 'Emisor.CorreoEmisor' },
  { key: 'rut_mandante', tag: 'Emisor.RUTMandante' },
  { key: 'rut_receptor', tag: 'Receptor.RUTRecep' },
  { key: 'razon_social_receptor', tag: 'Receptor.RznSocRecep' },
  { key: 'giro_receptor', tag: 'Receptor.GiroRecep' },
  { key: 'direccion_receptor', tag: 'Receptor.DirRecep' },
  { key: 'comuna_receptor', tag: 'Receptor.CmnaRecep' },
  { key: 'ciudad_receptor', tag: 'Receptor.CiudadRecep' },
  { key: 'correo_receptor', tag: 'Receptor.CorreoRecep' },
  { key: 'contacto_receptor', tag: 'Receptor.Contacto' },
  { key: 'codigo_interno_receptor', tag: 'Receptor.CdgIntRecep' },
  { key: 'rut_solicitante', tag: 'Receptor.RUTSolicita' },
  { key: 'moneda', tag: 'Totales.TpoMoneda' },
  { key: 'monto_neto', tag: 'Totales.MntNeto' },
  { key: 'monto_exento', tag: 'Totales.MntExe' },
  { key: 'tasa_iva', tag: 'Totales.TasaIVA' },
  { key: 'monto_iva', tag: 'Totales.IVA' },
  { key: 'monto_no_facturable', tag: 'Totales.MontoNF' },
  { key: 'credito_empresa_constructora', tag: 'Totales.CredEC' },
  { key: 'monto_total', tag: 'Totales.MntTotal' },
  { key: 'monto_periodo', tag: 'Totales.MntPeriodo' },
  { key: 'fecha_hora_firma', tag: 'TmstFirma' },
  { key: 'raiz_xml', tag: 'root' },
];

/** Lines, references, global discounts, additional taxes, transport and the stamp. */
export const FLAT_GROUPS: readonly FlatGroup[] = [
  {
    key: 'lineas',
    tag: 'Detalle',
    aliases: ['lines'],
    list: true,
    fields: [
      { key: 'numero_linea', tag: 'NroLinDet', aliases: ['numero'] },
      { key: 'codigos', tag: 'CdgItem' },
      { key: 'ind_exe', tag: 'IndExe' },
      { key: 'nombre', tag: 'NmbItem' },
      { key: 'descripcion', tag: 'DscItem' },
      { key: 'cantidad', tag: 'QtyItem' },
      { key: 'unidad', tag: 'UnmdItem' },
      { key: 'precio_unitario', tag: 'PrcItem' },
      { key: 'descuento_pct', tag: 'DescuentoPct' },
      { key: 'descuento_monto', tag: 'DescuentoMonto' },
      { key: 'recargo_pct', tag: 'RecargoPct' },
      { key: 'recargo_monto', tag: 'RecargoMonto' },
      { key: 'cod_imp_adic', tag: 'CodImpAdic' },
      { key: 'monto', tag: 'MontoItem', aliases: ['monto_total'] },
    ],
  },
  {
    key: 'referencias',
    tag: 'Referencia',
    aliases: ['references'],
    list: true,
    fields: [
      { key: 'numero_linea_ref', tag: 'NroLinRef' },
      { key: 'tipo_doc_ref', tag: 'TpoDocRef' },
      { key: 'ind_global', tag: 'IndGlobal' },
      { key: 'folio_ref', tag: 'FolioRef' },
      { key: 'rut_otro', tag: 'RUTOtr' },
      { key: 'fecha_ref', tag: 'FchRef' },
      { key: 'cod_ref', tag: 'CodRef' },
      { key: 'razon_ref', tag: 'RazonRef' },
    ],
  },
  {
    key: 'descuentos_recargos',
    tag: 'DscRcgGlobal',
    list: true,
    fields: [
      { key: 'numero_linea', tag: 'NroLinDR' },
      { key: 'tipo_movimiento', tag: 'TpoMov' },
      { key: 'tipo_valor', tag: 'TpoValor' },
      { key: 'glosa', tag: 'GlosaDR' },
      { key: 'valor', tag: 'ValorDR' },
      { key: 'ind_exe', tag: 'IndExeDR' },
    ],
  },
  {
    key: 'impuestos_adicionales',
    tag: 'Totales.ImptoReten',
    list: true,
    fields: [
      { key: 'tipo_imp', tag: 'TipoImp' },
      { key: 'tasa_imp', tag: 'TasaImp' },
      { key: 'monto_imp', tag: 'MontoImp' },
    ],
  },
  {
    key: 'transporte',
    tag: 'Transporte',
    list: false,
    fields: [
      { key: 'patente', tag: 'Patente' },
      { key: 'patente_carro', tag: 'PatenteCarro' },
      { key: 'rut_transportista', tag: 'RUTTrans' },
      { key: 'rut_chofer', tag: 'RUTChofer' },
      { key: 'nombre_chofer', tag: 'NombreChofer' },
      { key: 'direccion_destino', tag: 'DirDest' },
      { key: 'comuna_destino', tag: 'CmnaDest' },
      { key: 'ciudad_destino', tag: 'CiudadDest' },
      { key: 'fecha_salida', tag: 'FchSalida' },
      { key: 'hora_salida', tag: 'HraSalida' },
      { key: 'fecha_llegada', tag: 'FchLlegada' },
    ],
  },
  {
    key: 'timbre',
    tag: 'TED',
    list: false,
    fields: [
      { key: 'rut_emisor', tag: 'RE' },
      { key: 'tipo_dte', tag: 'TD' },
      { key: 'folio', tag: 'F' },
      { key: 'fecha_emision', tag: 'FE' },
      { key: 'rut_receptor', tag: 'RR' },
      { key: 'razon_social_receptor', tag: 'RSR' },
      { key: 'monto_total', tag: 'MNT' },
      { key: 'primer_item', tag: 'IT1' },
      { key: 'fecha_hora_timbre', tag: 'TSTED' },
    ],
  },
];

/** Keys of a line's item code (`codigos[]`). */
export const FLAT_ITEM_CODE_FIELDS: readonly FlatField[] = [
  { key: 'tipo_codigo', tag: 'TpoCodigo' },
  { key: 'valor_codigo', tag: 'VlrCodigo' },
];

/** The SII paths the existing addon always sends in its reception summary; H-01 checks only these for a summary. */
export const ADDON_CARRIED_PATHS: ReadonlySet<string> = new Set([
  'TipoDTE',
  'Folio',
  'FchEmis',
  'Emisor.RUTEmisor',
  'Emisor.RznSoc',
  'Totales.MntNeto',
  'Totales.MntExe',
  'Totales.IVA',
  'Totales.MntTotal',
]);

const HEADER_KEY_BY_TAG = new Map(FLAT_HEADER_FIELDS.map((field) => [field.tag, field.key]));
const GROUP_BY_TAG = new Map(FLAT_GROUPS.map((group) => [group.tag, group]));
const ITEM_CODE_KEY_BY_TAG = new Map(FLAT_ITEM_CODE_FIELDS.map((field) => [field.tag, field.key]));

/** `Detalle[2].MontoItem` → `lineas[2].monto`; undefined when some step has no flat name. */
function flatPathOf(tagPath: string): string | undefined {
  const siiPath = tagPath.replace(/^TED\.DD\./, 'TED.');
  const header = HEADER_KEY_BY_TAG.get(siiPath);
  if (header) return header;
  const match = /^((?:Totales\.)?[A-Za-z]+)(\[\d+\])?(?:\.([A-Za-z]+)(\[\d+\])?(?:\.([A-Za-z]+))?)?$/.exec(siiPath);
  const group = match ? GROUP_BY_TAG.get(match[1]) : undefined;
  if (!match || !group) return undefined;
  const [, , index = '', fieldTag, subIndex = '', subTag] = match;
  if (fieldTag === undefined) return `${group.key}${index}`;
  const field = group.fields.find((f) => f.tag === fieldTag)?.key;
  if (field === undefined) return undefined;
  if (subTag === undefined) return `${group.key}${index}.${field}${subIndex}`;
  const sub = ITEM_CODE_KEY_BY_TAG.get(subTag);
  return sub ? `${group.key}${index}.${field}${subIndex}.${sub}` : undefined;
}

/** The path to show in a finding: `dte_data.<flat path>` for the flat form, the SII path otherwise; `context.*` as is. */
export function displayPath(form: 'addon' | 'sii', siiPath: string): string {
  if (form === 'sii' || siiPath.startsWith('context.')) return siiPath;
  const flat = flatPathOf(siiPath);
  return flat ? `dte_data.${flat}` : `dte_data (${siiPath})`;
}
