/**
 * Additional-tax and withholding codes (`ImpAdicDTEType`), used by `Detalle/CodImpAdic` and `Totales/ImptoReten/TipoImp`.
 * Source: SII schema SiiTypes_v10.xsd, simpleType `ImpAdicDTEType` (copy in LibreDTE/libredte-lib-core
 * resources/schemas/SiiTypes_v10.xsd, commit 87ef7caf, 2024-09); names shortened from the XSD documentation.
 * Codes 46-55 and 301-481 carry no description in the XSD.
 */
export const ADDITIONAL_TAX_CODES: ReadonlyMap<number, string> = new Map([
  [14, 'IVA margen de comercialización'],
  [15, 'IVA retenido total'],
  [16, 'IVA retenido parcial'],
  [17, 'IVA anticipado faenamiento carne'],
  [18, 'IVA anticipado carne'],
  [19, 'IVA anticipado harina'],
  [23, 'Impuesto adicional Art. 37 a) b) c)'],
  [24, 'Impuesto Art. 42 a) licores, pisco, destilados'],
  [25, 'Impuesto Art. 42 c) vinos'],
  [26, 'Impuesto Art. 42 c) cervezas y bebidas alcohólicas'],
  [27, 'Impuesto Art. 42 d) y e) bebidas analcohólicas y minerales'],
  [28, 'Impuesto específico diésel'],
  [30, 'IVA retenido legumbres'],
  [31, 'IVA retenido silvestres'],
  [32, 'IVA retenido ganado'],
  [33, 'IVA retenido madera'],
  [34, 'IVA retenido trigo'],
  [35, 'Impuesto específico gasolina'],
  [36, 'IVA retenido arroz'],
  [37, 'IVA retenido hidrobiológicas'],
  [38, 'IVA retenido chatarra'],
  [39, 'IVA retenido PPA'],
  [40, 'IVA retenido opcional'],
  [41, 'IVA retenido construcción'],
  [44, 'Impuesto adicional Art. 37 e) h) i) l)'],
  [45, 'Impuesto adicional Art. 37 j) pirotecnia'],
  ...[46, 47, 48, 49, 50, 51, 52, 53, 54, 55].map((code): [number, string] => [code, `código ${code}`]),
  [271, 'Bebidas analcohólicas con elevado contenido de azúcar'],
  ...[301, 321, 331, 341, 361, 371, 481].map((code): [number, string] => [code, `código ${code}`]),
]);

/**
 * Codes whose MontoImp is an informed value rather than rate × line amounts (dte-rules.md M-06, FMT c.117):
 * 14 IVA margen de comercialización, 17 IVA anticipado faenamiento, 28 diésel, 35 gasolina.
 */
export const INFORMED_AMOUNT_TAX_CODES: readonly number[] = [14, 17, 28, 35];

/**
 * Codes that are IVA withheld by the buyer (the XSD names them "IVA retenido ..."): M-04 subtracts them from the total
 * instead of adding them (FMT c.124; LibreDTE classifies them "R").
 */
export const RETENTION_TAX_CODES: ReadonlySet<number> = new Set([15, 16, 30, 31, 32, 33, 34, 36, 37, 38, 39, 40, 41]);

/** Codes the XSD documents as taxes added to the total (additional, specific and anticipated IVA). */
export const ADDED_TAX_CODES: ReadonlySet<number> = new Set([14, 17, 18, 19, 23, 24, 25, 26, 27, 28, 35, 44, 45, 271]);

/** A detail line carries at most this many CodImpAdic (XSD `maxOccurs=2`). */
export const MAX_TAX_CODES_PER_LINE = 2;

/** True when the value is one of the SII's ImpAdicDTEType codes. */
export function isAdditionalTaxCode(value: unknown): value is number {
  return typeof value === 'number' && ADDITIONAL_TAX_CODES.has(value);
}
