/** Turns a request's `dte_xml` into the inputs the validator and the PO matcher take; a bad XML is a 400 naming dte_xml. */
import { RequestValidationError } from 'src/common/errors';
import { textOrUndefined } from '../matching/match-input';
import type { MatchDteInput } from '../matching/po-matcher';
import { normalizeDte } from '../normalize/normalize-dte';
import { num } from '../rules/rule-helpers';
import { DteXmlError, parseDteXml } from './dte-xml';

/** The DTE of `dte_xml` in SII-tag JSON, or a 400 whose detail says what is wrong with the XML. */
export function siiPayloadFromXml(xml: string): Record<string, unknown> {
  try {
    return parseDteXml(xml);
  } catch (error) {
    if (error instanceof DteXmlError) throw new RequestValidationError([{ field: 'dte_xml', problems: [error.message] }]);
    throw error;
  }
}

/** The received DTE of `dte_xml` as the PO matcher's input: the emitter is the supplier, the folio the reference. */
export function matchInputFromXml(xml: string): MatchDteInput {
  const { doc } = normalizeDte({ dte: siiPayloadFromXml(xml) });
  return {
    partner_vat: doc.Emisor.RUTEmisor,
    partner_name: doc.Emisor.RznSoc,
    total_amount: num(doc.Totales.MntTotal),
    date: doc.FchEmis,
    reference: textOrUndefined(doc.Folio),
    lines: (doc.Detalle ?? []).map((line) => ({
      numero: textOrUndefined(line.NroLinDet),
      nombre: line.NmbItem,
      descripcion: line.DscItem,
      cantidad: num(line.QtyItem),
      precio_unitario: num(line.PrcItem),
      monto_total: num(line.MontoItem),
    })),
    referencias: (doc.Referencia ?? []).flatMap((ref) => (ref.TpoDocRef && ref.FolioRef ? [{ tipo: ref.TpoDocRef, folio: ref.FolioRef }] : [])),
  };
}
