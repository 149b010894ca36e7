/** Normalizes the richer payload named after the SII XML tags (odoo-integration.md §4). */
import { asRecord, compact, toDateText, toNumberLike, toNumberList, toRecordArray, toText } from './coerce';
import { normalizeContext } from './from-context';
import type {
  NormalizedDte,
  NormalizedEmisor,
  NormalizedInput,
  NormalizedLine,
  NormalizedReceptor,
  NormalizedReference,
  NormalizedTed,
  NormalizedTotales,
  NormalizedTransporte,
} from './normalized-dte';

const KNOWN_DTE_KEYS = new Set([
  'root',
  'Encabezado',
  'IdDoc',
  'TipoDTE',
  'Folio',
  'FchEmis',
  'FchVenc',
  'IndServicio',
  'IndTraslado',
  'TipoDespacho',
  'CdgTraslado',
  'FolioAut',
  'FchAut',
  'FmaPago',
  'MntBruto',
  'IndMntNeto',
  'Emisor',
  'Receptor',
  'Totales',
  'Detalle',
  'Referencia',
  'Transporte',
  'DscRcgGlobal',
  'OtraMoneda',
  'TED',
  'TmstFirma',
]);

function rut(value: unknown): string | undefined {
  return toText(value)?.trim();
}

function texts(value: unknown): string[] | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  return (Array.isArray(value) ? value : [value]).map((item) => toText(item) ?? '');
}

function emisor(raw: Record<string, unknown>): NormalizedEmisor {
  return compact({
    RUTEmisor: rut(raw.RUTEmisor),
    RznSoc: toText(raw.RznSoc ?? raw.RznSocEmisor),
    GiroEmis: toText(raw.GiroEmis ?? raw.GiroEmisor),
    Acteco: toNumberList(raw.Acteco),
    DirOrigen: toText(raw.DirOrigen),
    CmnaOrigen: toText(raw.CmnaOrigen),
    CiudadOrigen: toText(raw.CiudadOrigen),
    CdgSIISucur: toNumberLike(raw.CdgSIISucur),
    Sucursal: toText(raw.Sucursal),
    CdgVendedor: toText(raw.CdgVendedor),
    Telefono: texts(raw.Telefono),
    CorreoEmisor: toText(raw.CorreoEmisor),
    RUTMandante: rut(raw.RUTMandante),
  });
}

function receptor(raw: Record<string, unknown>): NormalizedReceptor {
  return compact({
    RUTRecep: rut(raw.RUTRecep),
    RznSocRecep: toText(raw.RznSocRecep),
    GiroRecep: toText(raw.GiroRecep),
    DirRecep: toText(raw.DirRecep),
    CmnaRecep: toText(raw.CmnaRecep),
    CiudadRecep: toText(raw.CiudadRecep),
    CorreoRecep: toText(raw.CorreoRecep),
    Contacto: toText(raw.Contacto),
    CdgIntRecep: toText(raw.CdgIntRecep),
    RUTSolicita: rut(raw.RUTSolicita),
  });
}

function totales(raw: Record<string, unknown>): NormalizedTotales {
  return compact({
    TpoMoneda: toText(raw.TpoMoneda)?.trim(),
    MntNeto: toNumberLike(raw.MntNeto),
    MntExe: toNumberLike(raw.MntExe),
    TasaIVA: toNumberLike(raw.TasaIVA),
    IVA: toNumberLike(raw.IVA),
    ImptoReten: toRecordArray(raw.ImptoReten)?.map((t) => compact({ TipoImp: toNumberLike(t.TipoImp), TasaImp: toNumberLike(t.TasaImp), MontoImp: toNumberLike(t.MontoImp) })),
    MontoNF: toNumberLike(raw.MontoNF),
    CredEC: toNumberLike(raw.CredEC),
    MntTotal: toNumberLike(raw.MntTotal),
    MntPeriodo: toNumberLike(raw.MntPeriodo),
  });
}

function line(raw: Record<string, unknown>): NormalizedLine {
  return compact({
    NroLinDet: toNumberLike(raw.NroLinDet),
    CdgItem: toRecordArray(raw.CdgItem)?.map((c) => compact({ TpoCodigo: toText(c.TpoCodigo), VlrCodigo: toText(c.VlrCodigo) })),
    IndExe: toNumberLike(raw.IndExe),
    NmbItem: toText(raw.NmbItem),
    DscItem: toText(raw.DscItem),
    QtyItem: toNumberLike(raw.QtyItem),
    UnmdItem: toText(raw.UnmdItem),
    PrcItem: toNumberLike(raw.PrcItem),
    DescuentoPct: toNumberLike(raw.DescuentoPct),
    DescuentoMonto: toNumberLike(raw.DescuentoMonto),
    RecargoPct: toNumberLike(raw.RecargoPct),
    RecargoMonto: toNumberLike(raw.RecargoMonto),
    CodImpAdic: toNumberList(raw.CodImpAdic),
    MontoItem: toNumberLike(raw.MontoItem),
  });
}

function reference(raw: Record<string, unknown>): NormalizedReference {
  return compact({
    NroLinRef: toNumberLike(raw.NroLinRef),
    TpoDocRef: toText(raw.TpoDocRef)?.trim(),
    IndGlobal: toNumberLike(raw.IndGlobal),
    FolioRef: toText(raw.FolioRef)?.trim(),
    RUTOtr: rut(raw.RUTOtr),
    FchRef: toDateText(raw.FchRef),
    CodRef: toNumberLike(raw.CodRef),
    RazonRef: toText(raw.RazonRef),
  });
}

function transporte(raw: Record<string, unknown>): NormalizedTransporte {
  const chofer = asRecord(raw.Chofer) ?? {};
  return compact({
    Patente: toText(raw.Patente),
    PatenteCarro: toText(raw.PatenteCarro),
    RUTTrans: rut(raw.RUTTrans),
    RUTChofer: rut(raw.RUTChofer ?? chofer.RUTChofer),
    NombreChofer: toText(raw.NombreChofer ?? chofer.NombreChofer),
    DirDest: toText(raw.DirDest),
    CmnaDest: toText(raw.CmnaDest),
    CiudadDest: toText(raw.CiudadDest),
    FchSalida: toDateText(raw.FchSalida),
    HraSalida: toText(raw.HraSalida),
    FchLlegada: toDateText(raw.FchLlegada),
  });
}

/** Reads `TED/DD` whether sent as `{TED: {DD: {...}}}` or `{TED: {...}}`. */
function ted(raw: Record<string, unknown>): NormalizedTed {
  const dd = asRecord(raw.DD) ?? raw;
  return compact({
    RE: rut(dd.RE),
    TD: toNumberLike(dd.TD),
    F: toNumberLike(dd.F),
    FE: toDateText(dd.FE),
    RR: rut(dd.RR),
    RSR: toText(dd.RSR),
    MNT: toNumberLike(dd.MNT),
    IT1: toText(dd.IT1),
    TSTED: toText(dd.TSTED)?.trim(),
  });
}

/** Turns `{dte, context}` into the normalized document plus its CAF; accepts flat headers or `Encabezado/IdDoc` nesting. */
export function normalizeSiiPayload(dteRaw: Record<string, unknown>, contextRaw?: Record<string, unknown>, environmentRaw?: unknown): NormalizedInput {
  const encabezado = asRecord(dteRaw.Encabezado) ?? {};
  const idDoc = { ...(asRecord(encabezado.IdDoc) ?? {}), ...(asRecord(dteRaw.IdDoc) ?? {}) };
  const header = (key: string): unknown => dteRaw[key] ?? idDoc[key];
  const part = (key: string): Record<string, unknown> | undefined => asRecord(dteRaw[key]) ?? asRecord(encabezado[key]);
  const transport = part('Transporte') ?? asRecord(idDoc.Transporte);

  const doc: NormalizedDte = compact({
    form: 'sii' as const,
    root: toText(dteRaw.root),
    TipoDTE: toNumberLike(header('TipoDTE')),
    Folio: toNumberLike(header('Folio')),
    FchEmis: toDateText(header('FchEmis')),
    FchVenc: toDateText(header('FchVenc')),
    IndServicio: toNumberLike(header('IndServicio')),
    IndTraslado: toNumberLike(header('IndTraslado')),
    TipoDespacho: toNumberLike(header('TipoDespacho')),
    CdgTraslado: toNumberLike(header('CdgTraslado')),
    FolioAut: toNumberLike(header('FolioAut')),
    FchAut: toDateText(header('FchAut')),
    FmaPago: toNumberLike(header('FmaPago')),
    MntBruto: toNumberLike(header('MntBruto')),
    IndMntNeto: toNumberLike(header('IndMntNeto')),
    Emisor: emisor(part('Emisor') ?? {}),
    Receptor: receptor(part('Receptor') ?? {}),
    Totales: totales(part('Totales') ?? {}),
    Detalle: toRecordArray(dteRaw.Detalle)?.map(line),
    DscRcgGlobal: toRecordArray(dteRaw.DscRcgGlobal)?.map((g) =>
      compact({ TpoMov: toText(g.TpoMov), TpoValor: toText(g.TpoValor), GlosaDR: toText(g.GlosaDR), ValorDR: toNumberLike(g.ValorDR), IndExeDR: toNumberLike(g.IndExeDR) }),
    ),
    Referencia: toRecordArray(dteRaw.Referencia)?.map(reference),
    Transporte: transport ? transporte(transport) : undefined,
    TED: asRecord(dteRaw.TED) ? ted(asRecord(dteRaw.TED)!) : undefined,
    TmstFirma: toText(dteRaw.TmstFirma)?.trim(),
    unknownKeys: Object.keys(dteRaw).filter((key) => !KNOWN_DTE_KEYS.has(key)),
  });

  return compact({ doc, ...normalizeContext(contextRaw, environmentRaw), nowCl: toText(contextRaw?.now_cl) });
}
