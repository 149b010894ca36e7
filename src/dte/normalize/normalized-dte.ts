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
  /** Currency of an export document (`TpoMoneda`, e.g. `DOLAR USA`). */
  TpoMoneda?: string;
  MntNeto?: NumberLike;
  MntExe?: NumberLike;
  TasaIVA?: NumberLike;
  IVA?: NumberLike;
  ImptoReten?: NormalizedTax[];
  MontoNF?: NumberLike;
  /** Construction-company VAT credit (65 %), subtracted from the total. */
  CredEC?: NumberLike;
  MntTotal?: NumberLike;
  /** Amount of the period: MntTotal + MontoNF when informed. */
  MntPeriodo?: NumberLike;
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
  /** Additional-tax / withholding codes of the line (ImpAdicDTEType), at most two. */
  CodImpAdic?: NumberLike[];
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
  GlosaDR?: string;
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

/** The TED's signed data block (`TED/DD`): what the PDF417 barcode proves about the document. */
export interface NormalizedTed {
  RE?: string;
  TD?: NumberLike;
  F?: NumberLike;
  FE?: string;
  RR?: string;
  RSR?: string;
  MNT?: NumberLike;
  IT1?: string;
  /** Stamp time, `AAAA-MM-DDTHH:MM:SS` in Chile's local time. */
  TSTED?: string;
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
  /** The electronic stamp's data block, when the caller sends the stamped document. */
  TED?: NormalizedTed;
  /** Signing time of the document (`TmstFirma`), `AAAA-MM-DDTHH:MM:SS`. */
  TmstFirma?: string;
  /** True when the document was read out of `dte_xml`: there the schema's exact forms are demanded. */
  fromXml?: boolean;
  /** Keys of the payload that the normalizer did not recognise, as paths inside `dte` or `dte_data`. */
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

/** The emitting company as Odoo holds it (`res.company`), when the caller sends it. */
export interface CompanyInfo {
  vat?: string;
  /** SII authorisation (resolution) date of the emitter, `YYYY-MM-DD`. */
  resolutionDate?: string;
  resolutionNumber?: NumberLike;
  regionalOffice?: string;
  dteEmail?: string;
  giro?: string;
  acteco?: NumberLike[];
}

/** The customer as Odoo holds it (`res.partner`). */
export interface PartnerInfo {
  /** `l10n_cl_sii_taxpayer_type`: 1 VAT taxpayer, 2 fees issuer, 3 end consumer, 4 foreigner. */
  taxpayerType?: NumberLike;
  /** ISO country code of the customer (`country_id.code`), upper case: anything but `CL` is a foreign customer. */
  countryCode?: string;
}

/** A folio of the same emitter and type that was already issued (Odoo's own records). */
export interface IssuedFolio {
  folio?: NumberLike;
  /** Odoo's `l10n_cl_dte_status` or `annulled` when the folio was voided at the SII. */
  status?: string;
  FchEmis?: string;
  RUTRecep?: string;
  MntTotal?: NumberLike;
}

/** What the caller knows about a document this one references. */
export interface ReferencedDocument {
  TpoDocRef?: string;
  FolioRef?: string;
  /** Odoo's `l10n_cl_dte_status` of that document: accepted, objected, rejected, not_sent, ... */
  status?: string;
}

/** Everything besides the document that the rules may use; all optional, a rule needing an absent part stays silent. */
export interface DteContext {
  caf?: CafInfo;
  company?: CompanyInfo;
  partner?: PartnerInfo;
  /** SII environment the document goes to: `SII` (production), `SIITEST` (certification) or `SIIDEMO`. */
  environment?: string;
  /** Envelope the document will travel in: `EnvioDTE` or `EnvioBOLETA`. */
  envelope?: string;
  issuedFolios?: IssuedFolio[];
  referencedDocuments?: ReferencedDocument[];
}

/** A normalized document plus the context that came with it. */
export interface NormalizedInput extends DteContext {
  doc: NormalizedDte;
  nowCl?: string;
}
