import { displayPath } from './addon-fields.table';
import { normalizeDte } from './normalize-dte';

describe(normalizeDte.name, () => {
  it('maps the addon body, coercing numeric strings and ISO datetimes, and records unknown keys', () => {
    const { doc, caf } = normalizeDte({
      dte_data: {
        tipo_dte: '33',
        folio: '8811',
        fecha_emision: '2026-11-10T00:00:00',
        rut_emisor: ' 78.112.233-5 ',
        razon_social_emisor: 'Comercial Maipo Ltda.',
        monto_total: 499800.0,
        monto_neto: '420000',
        monto_iva: 79800,
        monto_exento: 0,
        glosa: 'x',
      },
    });
    expect(caf).toBeUndefined();
    expect(doc).toEqual({
      form: 'addon',
      TipoDTE: 33,
      Folio: 8811,
      FchEmis: '2026-11-10',
      Emisor: { RUTEmisor: '78.112.233-5', RznSoc: 'Comercial Maipo Ltda.' },
      Receptor: {},
      Totales: { MntNeto: 420000, MntExe: 0, IVA: 79800, MntTotal: 499800 },
      unknownKeys: ['glosa'],
    });
    expect(doc.Detalle).toBeUndefined();
  });

  it('accepts a bare addon body and keeps non-numeric text for the rules to report', () => {
    const { doc } = normalizeDte({ tipo_dte: 'factura', folio: null, monto_total: '' });
    expect(doc.form).toBe('addon');
    expect(doc.TipoDTE).toBe('factura');
    expect(doc.Folio).toBeUndefined();
    expect(doc.Totales.MntTotal).toBeUndefined();
  });

  it('treats a non-object input as an empty addon document', () => {
    expect(normalizeDte('nope').doc).toEqual({ form: 'addon', Emisor: {}, Receptor: {}, Totales: {}, unknownKeys: [] });
  });

  it('maps the SII-tag payload with lines, references, a nested Chofer and the CAF', () => {
    const { doc, caf, nowCl } = normalizeDte({
      dte: {
        TipoDTE: 52,
        Folio: '77',
        FchEmis: '2026-11-03',
        IndTraslado: 5,
        Emisor: { RUTEmisor: '76086428-5', RznSocEmisor: 'Ferretería Sur SpA', Acteco: 620100 },
        Receptor: { RUTRecep: '96874030-K' },
        Totales: { MntTotal: 0 },
        Detalle: { NroLinDet: 1, NmbItem: 'Cemento', QtyItem: '10', MontoItem: 0 },
        Referencia: [{ NroLinRef: 1, TpoDocRef: 801, FolioRef: 4512 }],
        Transporte: { Patente: 'ABCD12', Chofer: { RUTChofer: '12345678-5', NombreChofer: 'Pedro Soto' } },
        Extra: true,
      },
      context: { caf: { TD: 52, D: '1', H: 100, FA: '2026-01-10' }, now_cl: '2026-11-03T10:00:00-03:00' },
    });
    expect(doc.form).toBe('sii');
    expect(doc.Folio).toBe(77);
    expect(doc.Emisor).toEqual({ RUTEmisor: '76086428-5', RznSoc: 'Ferretería Sur SpA', Acteco: [620100] });
    expect(doc.Detalle).toEqual([{ NroLinDet: 1, NmbItem: 'Cemento', QtyItem: 10, MontoItem: 0 }]);
    expect(doc.Referencia).toEqual([{ NroLinRef: 1, TpoDocRef: '801', FolioRef: '4512' }]);
    expect(doc.Transporte).toEqual({ Patente: 'ABCD12', RUTChofer: '12345678-5', NombreChofer: 'Pedro Soto' });
    expect(doc.unknownKeys).toEqual(['Extra']);
    expect(caf).toEqual({ TD: 52, D: 1, H: 100, FA: '2026-01-10' });
    expect(nowCl).toBe('2026-11-03T10:00:00-03:00');
  });

  it('carries CredEC, MntPeriodo, CodImpAdic, GlosaDR and the TED block', () => {
    const { doc } = normalizeDte({
      dte: {
        TipoDTE: 33,
        Totales: { IVA: 19000, CredEC: '12350', MntTotal: 106650, MntPeriodo: 106650 },
        Detalle: [
          { NroLinDet: 1, CodImpAdic: 27, MontoItem: 1000 },
          { NroLinDet: 2, CodImpAdic: ['24', 15] },
        ],
        DscRcgGlobal: [{ TpoMov: 'D', TpoValor: '$', GlosaDR: 'Descuento cliente frecuente', ValorDR: 500 }],
        TED: { DD: { RE: ' 76086428-5', TD: '33', F: 123, FE: '2026-11-16', RR: '96874030-K', MNT: '119000', IT1: 'Cemento' } },
      },
    });
    expect(doc.Totales).toEqual({ IVA: 19000, CredEC: 12350, MntTotal: 106650, MntPeriodo: 106650 });
    expect(doc.Detalle!.map((l) => l.CodImpAdic)).toEqual([[27], [24, 15]]);
    expect(doc.DscRcgGlobal![0].GlosaDR).toBe('Descuento cliente frecuente');
    expect(doc.TED).toEqual({ RE: '76086428-5', TD: 33, F: 123, FE: '2026-11-16', RR: '96874030-K', MNT: 119000, IT1: 'Cemento' });
    expect(doc.unknownKeys).toEqual([]);
  });

  it('reads the context: company, partner, environment, envelope, issued folios and referenced documents', () => {
    const input = normalizeDte({
      environment: 'siitest',
      dte: { TipoDTE: 61 },
      context: {
        company: { vat: '76086428-5', resolution_date: '2014-08-22', regional_office: 'Santiago Oriente', dte_email: 'dte@empresa.cl', activity_codes: 466301 },
        partner: { l10n_cl_sii_taxpayer_type: '4' },
        envelope: 'EnvioDTE',
        issued_folios: [{ folio: '129', status: 'Accepted', amount_total: 119000, partner_vat: '96874030-K', date: '2026-11-10' }],
        referenced_documents: [{ document_type: 33, folio: 121, status: 'rejected' }],
      },
    });
    expect(input.environment).toBe('SIITEST');
    expect(input.company).toEqual({ vat: '76086428-5', resolutionDate: '2014-08-22', regionalOffice: 'Santiago Oriente', dteEmail: 'dte@empresa.cl', acteco: [466301] });
    expect(input.partner).toEqual({ taxpayerType: 4 });
    expect(input.envelope).toBe('EnvioDTE');
    expect(input.issuedFolios).toEqual([{ folio: 129, status: 'accepted', FchEmis: '2026-11-10', RUTRecep: '96874030-K', MntTotal: 119000 }]);
    expect(input.referencedDocuments).toEqual([{ TpoDocRef: '33', FolioRef: '121', status: 'rejected' }]);
  });

  it("reads Odoo's false for an empty field as absent, in the document and in the context", () => {
    const input = normalizeDte({
      dte: { TipoDTE: 33, FchVenc: false, Emisor: { GiroEmis: false, Acteco: false }, Totales: { MntExe: false }, Referencia: false },
      context: { company: { regional_office: false, activity_codes: false, resolution_date: false, vat: false } },
    });
    expect(input.doc.Emisor).toEqual({});
    expect(input.doc.Totales).toEqual({});
    expect([input.doc.FchVenc, input.doc.Referencia]).toEqual([undefined, undefined]);
    expect(input.company).toEqual({ regionalOffice: '', acteco: [] });
    expect(normalizeDte({ dte_data: { tipo_dte: '33', giro_emisor: false } }).doc.Emisor).toEqual({});
  });

  it('reads headers nested under Encabezado/IdDoc as in the XML', () => {
    const { doc } = normalizeDte({
      dte: { Encabezado: { IdDoc: { TipoDTE: 33, Folio: 5, FchEmis: '2026-03-05' }, Totales: { MntTotal: 119 } } },
    });
    expect([doc.TipoDTE, doc.Folio, doc.FchEmis, doc.Totales.MntTotal]).toEqual([33, 5, '2026-03-05', 119]);
  });
});

describe(displayPath.name, () => {
  it('names addon keys for the addon form and SII paths for the SII form', () => {
    expect(displayPath('addon', 'Totales.MntTotal')).toBe('dte_data.monto_total');
    expect(displayPath('sii', 'Totales.MntTotal')).toBe('Totales.MntTotal');
    expect(displayPath('addon', 'Detalle[2].MontoItem')).toBe('dte_data.lineas[2].monto');
    expect(displayPath('addon', 'Detalle[0].CdgItem[1].VlrCodigo')).toBe('dte_data.lineas[0].codigos[1].valor_codigo');
    expect(displayPath('addon', 'Totales.ImptoReten[0].MontoImp')).toBe('dte_data.impuestos_adicionales[0].monto_imp');
    expect(displayPath('addon', 'TED.DD.MNT')).toBe('dte_data.timbre.monto_total');
    expect(displayPath('addon', 'context.envelope')).toBe('context.envelope');
    expect(displayPath('addon', 'Detalle[0].Nada')).toBe('dte_data (Detalle[0].Nada)');
  });
});
