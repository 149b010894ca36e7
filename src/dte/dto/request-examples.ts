/** Complete request bodies shown in Swagger (composed from odoo-contract.md; CLP, IVA 19 %, valid RUTs). */

/** The body the Odoo inbox sends to /api/ai/validate (reception). */
export const VALIDATE_ADDON_EXAMPLE = {
  dte_data: {
    tipo_dte: '33',
    folio: '8811',
    fecha_emision: '2026-11-10',
    rut_emisor: '78.112.233-5',
    razon_social_emisor: 'Comercial Maipo Ltda.',
    monto_total: 499800.0,
    monto_neto: 420000.0,
    monto_iva: 79800.0,
    monto_exento: 0.0,
  },
  history: [{ tipo_dte: '33', folio: '8790', fecha_emision: '2026-10-14', monto_total: 476000.0, monto_neto: 400000.0, monto_iva: 76000.0, monto_exento: 0.0 }],
  company_id: 1,
  mode: 'reception',
};

/** The richer SII-tag form with its CAF context. */
export const VALIDATE_SII_EXAMPLE = {
  source: { system: 'odoo', version: '19.0', company_id: 1, move_id: 4711 },
  dte: {
    TipoDTE: 33,
    Folio: 123,
    FchEmis: '2026-11-16',
    Emisor: {
      RUTEmisor: '76086428-5',
      RznSoc: 'Ferretería Los Andes SpA',
      GiroEmis: 'Venta de materiales de construcción',
      Acteco: [466301],
      DirOrigen: 'Av. Vicuña Mackenna 1234',
      CmnaOrigen: 'Ñuñoa',
    },
    Receptor: { RUTRecep: '96874030-K', RznSocRecep: 'Constructora Cordillera S.A.', GiroRecep: 'Construcción de edificios', DirRecep: 'Av. Providencia 2100', CmnaRecep: 'Providencia' },
    Totales: { MntNeto: 100000, MntExe: 0, TasaIVA: 19, IVA: 19000, MntTotal: 119000 },
    Detalle: [{ NroLinDet: 1, NmbItem: 'Cemento Polpaico 25 kg', QtyItem: 20, PrcItem: 5000, MontoItem: 100000 }],
  },
  environment: 'SII',
  context: {
    caf: { TD: 33, D: 101, H: 500, FA: '2026-09-01', IDK: 300, RE: '76086428-5' },
    company: { vat: '76086428-5', resolution_date: '2014-08-22', regional_office: 'Santiago Oriente', dte_email: 'dte@ferreterialosandes.cl' },
  },
};

/** The same factura as the SII's XML (an EnvioDTE holding one DTE), as Odoo stores it in l10n_cl_dte_file. */
export const VALIDATE_XML_EXAMPLE = {
  source: { system: 'odoo', version: '19.0', company_id: 1, move_id: 4711 },
  environment: 'SII',
  dte_xml:
    '<?xml version="1.0" encoding="ISO-8859-1"?><EnvioDTE xmlns="http://www.sii.cl/SiiDte" version="1.0"><SetDTE ID="SetDoc">' +
    '<DTE version="1.0"><Documento ID="F123T33"><Encabezado>' +
    '<IdDoc><TipoDTE>33</TipoDTE><Folio>123</Folio><FchEmis>2026-11-16</FchEmis></IdDoc>' +
    '<Emisor><RUTEmisor>76086428-5</RUTEmisor><RznSoc>Ferretería Los Andes SpA</RznSoc><GiroEmis>Venta de materiales de construcción</GiroEmis>' +
    '<Acteco>466301</Acteco><DirOrigen>Av. Vicuña Mackenna 1234</DirOrigen><CmnaOrigen>Ñuñoa</CmnaOrigen></Emisor>' +
    '<Receptor><RUTRecep>96874030-K</RUTRecep><RznSocRecep>Constructora Cordillera S.A.</RznSocRecep><GiroRecep>Construcción de edificios</GiroRecep>' +
    '<DirRecep>Av. Providencia 2100</DirRecep><CmnaRecep>Providencia</CmnaRecep></Receptor>' +
    '<Totales><MntNeto>100000</MntNeto><TasaIVA>19</TasaIVA><IVA>19000</IVA><MntTotal>119000</MntTotal></Totales></Encabezado>' +
    '<Detalle><NroLinDet>1</NroLinDet><NmbItem>Cemento Polpaico 25 kg</NmbItem><QtyItem>20</QtyItem><PrcItem>5000</PrcItem><MontoItem>100000</MontoItem></Detalle>' +
    '<TED version="1.0"><DD><RE>76086428-5</RE><TD>33</TD><F>123</F><FE>2026-11-16</FE><RR>96874030-K</RR><MNT>119000</MNT>' +
    '<TSTED>2026-11-16T10:15:00</TSTED></DD></TED><TmstFirma>2026-11-16T10:15:02</TmstFirma></Documento></DTE></SetDTE></EnvioDTE>',
  context: VALIDATE_SII_EXAMPLE.context,
};

/** The body the inbox sends to /api/ai/reception/match_po. */
export const MATCH_PO_EXAMPLE = {
  dte_data: {
    partner_id: 55,
    partner_vat: '78112233-5',
    partner_name: 'Comercial Maipo Ltda.',
    total_amount: 499800.0,
    date: '2026-11-10',
    reference: '8811',
    lines: [{ numero: '1', nombre: 'Cemento Polpaico 25 kg', descripcion: 'Saco 25 kg, según OC P00042', cantidad: 100, precio_unitario: 4200, monto_total: 420000 }],
  },
  pending_pos: [
    {
      id: 342,
      name: 'P00042',
      amount_total: 499800.0,
      date_order: '2026-11-02 10:00:00',
      currency: 'CLP',
      lines: [{ product_id: 420, product_name: 'Cemento Polpaico 25kg saco', qty: 100, price_unit: 4200, subtotal: 420000 }],
    },
    {
      id: 339,
      name: 'P00039',
      amount_total: 238000.0,
      date_order: '2026-10-20 09:30:00',
      currency: 'CLP',
      lines: [{ product_id: 431, product_name: 'Fierro estriado 12 mm', qty: 50, price_unit: 4000, subtotal: 200000 }],
    },
  ],
  company_id: 1,
};

/** The old /api/ai/reconcile body: the supplier's DTE as XML plus the pending POs. */
export const RECONCILE_XML_EXAMPLE = {
  dte_xml:
    '<DTE version="1.0"><Documento ID="F8811T33"><Encabezado>' +
    '<IdDoc><TipoDTE>33</TipoDTE><Folio>8811</Folio><FchEmis>2026-11-10</FchEmis></IdDoc>' +
    '<Emisor><RUTEmisor>78112233-5</RUTEmisor><RznSoc>Comercial Maipo Ltda.</RznSoc></Emisor>' +
    '<Receptor><RUTRecep>76086428-5</RUTRecep></Receptor>' +
    '<Totales><MntNeto>420000</MntNeto><TasaIVA>19</TasaIVA><IVA>79800</IVA><MntTotal>499800</MntTotal></Totales></Encabezado>' +
    '<Detalle><NroLinDet>1</NroLinDet><NmbItem>Cemento Polpaico 25 kg</NmbItem><QtyItem>100</QtyItem><PrcItem>4200</PrcItem><MontoItem>420000</MontoItem></Detalle>' +
    '<Referencia><NroLinRef>1</NroLinRef><TpoDocRef>801</TpoDocRef><FolioRef>P00042</FolioRef><FchRef>2026-11-02</FchRef></Referencia>' +
    '</Documento></DTE>',
  pending_pos: MATCH_PO_EXAMPLE.pending_pos,
  company_id: 1,
};

/** The body of suggest_project / analytics match. */
export const SUGGEST_PROJECT_EXAMPLE = {
  partner_id: 55,
  partner_vat: '78112233-5',
  partner_name: 'Comercial Maipo Ltda.',
  company_id: 1,
  invoice_lines: [{ description: 'Cemento Polpaico 25 kg obra Edificio Los Robles', quantity: 100, price: 4200 }],
  available_projects: [
    { id: 12, name: 'Edificio Los Robles', code: 'OB-101', partner_name: 'Inmobiliaria Robles SpA', state: 'active', budget: 0 },
    { id: 15, name: 'Condominio Alto Maipo', code: 'OB-102', partner_name: '', state: 'active', budget: 0 },
  ],
  historical_purchases: [{ date: '2026-10-01', project_name: 'Edificio Los Robles', amount: 476000 }],
};
