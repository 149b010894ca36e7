/** The one internal shape every incoming DTE payload becomes, named after the SII XML tags. */

/** Which payload form came in: the addon's reduced `dte_data` body or the richer SII-tag payload. */
export type DteForm = 'addon' | 'sii';

/** A number when the input parsed as one; the original text when it did not (rules then report it). */
export type NumberLike = number | string;

export interface NormalizedEmisor {
  RUTEmisor?: string;
  RznSoc?: string;
  GiroEmis?: string;
  Acteco?: NumberLike[];
  DirOrigen?: string;
  CmnaOrigen?: string;
  CiudadOrigen?: string;
  CdgSIISucur?: NumberLike;
  Sucursal?: string;
  CdgVendedor?: string;
  Telefono?: string[];
  CorreoEmisor?: string;
  RUTMandante?: string;
}

export interface NormalizedReceptor {
  RUTRecep?: string;
  RznSocRecep?: string;
  GiroRecep?: string;
  DirRecep?: string;
  CmnaRecep?: string;
  CiudadRecep?: string;
  CorreoRecep?: string;
  Contacto?: string;
  CdgIntRecep?: string;
  RUTSolicita?: string;
}

export interface NormalizedTax {
  TipoImp?: NumberLike;
  TasaImp?: NumberLike;
  MontoImp?: NumberLike;
}

export interface NormalizedTotales {
  MntNeto?: NumberLike;
  MntExe?: NumberLike;
  TasaIVA?: NumberLike;
  IVA?: NumberLike;
  ImptoReten?: NormalizedTax[];
  MontoNF?: NumberLike;
  MntTotal?: NumberLike;
}

export interface NormalizedLine {
  NroLinDet?: NumberLike;
  CdgItem?: { TpoCodigo?: string; VlrCodigo?: string }[];
  IndExe?: NumberLike;
  NmbItem?: string;
  DscItem?: string;
  QtyItem?: NumberLike;
  UnmdItem?: string;
  PrcItem?: NumberLike;
  DescuentoPct?: NumberLike;
  DescuentoMonto?: NumberLike;
  RecargoPct?: NumberLike;
  RecargoMonto?: NumberLike;
  MontoItem?: NumberLike;
}

export interface NormalizedReference {
  NroLinRef?: NumberLike;
  TpoDocRef?: string;
  IndGlobal?: NumberLike;
  FolioRef?: string;
  RUTOtr?: string;
  FchRef?: string;
  CodRef?: NumberLike;
  RazonRef?: string;
}

/** A global discount (`D`) or surcharge (`R`) row. */
export interface NormalizedGlobalAdjustment {
  TpoMov?: string;
  TpoValor?: string;
  ValorDR?: NumberLike;
  IndExeDR?: NumberLike;
}

export interface NormalizedTransporte {
  Patente?: string;
  PatenteCarro?: string;
  RUTTrans?: string;
  RUTChofer?: string;
  NombreChofer?: string;
  DirDest?: string;
  CmnaDest?: string;
  CiudadDest?: string;
  FchSalida?: string;
  HraSalida?: string;
  FchLlegada?: string;
}

/** A DTE after normalization; anything missing or unknown stays undefined and the rules decide. */
export interface NormalizedDte {
  form: DteForm;
  /** XML root element when the payload says it (`Documento`, `Liquidacion`, `Exportaciones`). */
  root?: string;
  TipoDTE?: NumberLike;
  Folio?: NumberLike;
  FchEmis?: string;
  FchVenc?: string;
  IndServicio?: NumberLike;
  IndTraslado?: NumberLike;
  TipoDespacho?: NumberLike;
  CdgTraslado?: NumberLike;
  FolioAut?: NumberLike;
  FchAut?: string;
  FmaPago?: NumberLike;
  MntBruto?: NumberLike;
  IndMntNeto?: NumberLike;
  Emisor: NormalizedEmisor;
  Receptor: NormalizedReceptor;
  Totales: NormalizedTotales;
  /** Undefined when the payload carries no lines (the addon body never does). */
  Detalle?: NormalizedLine[];
  DscRcgGlobal?: NormalizedGlobalAdjustment[];
  Referencia?: NormalizedReference[];
  Transporte?: NormalizedTransporte;
  /** Top-level keys of the payload that the normalizer did not recognise. */
  unknownKeys: string[];
}

/** The CAF (folio authorisation) the caller sends as context. */
export interface CafInfo {
  TD?: NumberLike;
  D?: NumberLike;
  H?: NumberLike;
  FA?: string;
  IDK?: NumberLike;
  RE?: string;
}

/** A normalized document plus the context that came with it. */
export interface NormalizedInput {
  doc: NormalizedDte;
  caf?: CafInfo;
  nowCl?: string;
}
