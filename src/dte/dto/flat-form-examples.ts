/**
 * Flat `dte_data` bodies of /api/ai/validate, one per document type, as an integrator builds them from an Odoo
 * invoice (Swagger and README show them; a spec checks each is a clean document). CLP, IVA 19 %, valid RUTs.
 */

const EMISOR = {
  rut_emisor: '76.086.428-5',
  razon_social_emisor: 'Ferretería Los Andes SpA',
  giro_emisor: 'Venta al por mayor de materiales de construcción',
  acteco: [466301],
  direccion_emisor: 'Av. Vicuña Mackenna 1234',
  comuna_emisor: 'Ñuñoa',
};

const RECEPTOR = {
  rut_receptor: '96874030-K',
  razon_social_receptor: 'Constructora Cordillera S.A.',
  giro_receptor: 'Construcción de edificios',
  direccion_receptor: 'Av. Providencia 2100',
  comuna_receptor: 'Providencia',
};

const CONTEXT = (tipo: number) => ({ caf: { TD: tipo, D: 101, H: 500, FA: '2026-09-01', IDK: 300, RE: '76086428-5' }, company: { vat: '76086428-5', resolution_date: '2014-08-22' } });

const body = (tipo: number, dteData: Record<string, unknown>) => ({ dte_data: dteData, company_id: 1, mode: 'emission', environment: 'SII', context: CONTEXT(tipo) });

/** Factura 33 with two lines (one with a line discount) and a reference to the buyer's purchase order. */
export const FLAT_FACTURA_33 = body(33, {
  tipo_dte: 33,
  folio: 123,
  fecha_emision: '2026-11-16',
  fecha_vencimiento: '2026-12-16',
  forma_pago: 2,
  ...EMISOR,
  ...RECEPTOR,
  monto_neto: 100000,
  monto_exento: 0,
  tasa_iva: 19,
  monto_iva: 19000,
  monto_total: 119000,
  lineas: [
    { numero_linea: 1, nombre: 'Cemento Polpaico 25 kg', cantidad: 20, unidad: 'UN', precio_unitario: 4400, descuento_pct: 4.5454, descuento_monto: 4000, monto: 84000 },
    { numero_linea: 2, nombre: 'Arena gruesa m3', cantidad: 2, unidad: 'UN', precio_unitario: 8000, monto: 16000 },
  ],
  referencias: [{ numero_linea_ref: 1, tipo_doc_ref: '801', folio_ref: 'P00042', fecha_ref: '2026-11-02' }],
});

/** Factura exenta 34: exempt lines only, no IVA. */
export const FLAT_EXENTA_34 = body(34, {
  tipo_dte: 34,
  folio: 124,
  fecha_emision: '2026-11-16',
  ...EMISOR,
  ...RECEPTOR,
  monto_exento: 250000,
  monto_total: 250000,
  lineas: [{ numero_linea: 1, nombre: 'Asesoría técnica exenta (horas)', cantidad: 10, unidad: 'UN', precio_unitario: 25000, ind_exe: 1, monto: 250000 }],
});

/** Boleta 39: gross prices, anonymous consumer, service indicator. */
export const FLAT_BOLETA_39 = body(39, {
  tipo_dte: 39,
  folio: 125,
  fecha_emision: '2026-11-16',
  ind_servicio: 3,
  rut_emisor: EMISOR.rut_emisor,
  razon_social_emisor: EMISOR.razon_social_emisor,
  giro_emisor: 'Venta de materiales de construcción',
  rut_receptor: '66666666-6',
  monto_neto: 10067,
  monto_iva: 1913,
  monto_total: 11980,
  lineas: [{ numero_linea: 1, nombre: 'Martillo carpintero', cantidad: 2, unidad: 'UN', precio_unitario: 5990, monto: 11980 }],
});

/** Guía de despacho 52 (sale) with the transport data required from 1-Nov-2026. */
export const FLAT_GUIA_52 = body(52, {
  tipo_dte: 52,
  folio: 126,
  fecha_emision: '2026-11-16',
  ind_traslado: 1,
  ...EMISOR,
  ...RECEPTOR,
  monto_neto: 84000,
  tasa_iva: 19,
  monto_iva: 15960,
  monto_total: 99960,
  lineas: [{ numero_linea: 1, nombre: 'Cemento Polpaico 25 kg', cantidad: 20, unidad: 'UN', precio_unitario: 4200, monto: 84000 }],
  transporte: {
    patente: 'KJTR45',
    patente_carro: 'JX4021',
    rut_transportista: '78112233-5',
    rut_chofer: '12345678-5',
    nombre_chofer: 'Pedro Soto Muñoz',
    direccion_destino: 'Camino a Melipilla 8800',
    comuna_destino: 'Maipú',
    fecha_salida: '2026-11-16',
    hora_salida: '08:30:00',
    fecha_llegada: '2026-11-16',
  },
});

/** Nota de débito 56 adding a freight charge to factura 120. */
export const FLAT_DEBITO_56 = body(56, {
  tipo_dte: 56,
  folio: 128,
  fecha_emision: '2026-11-16',
  ...EMISOR,
  ...RECEPTOR,
  monto_neto: 10000,
  monto_exento: 0,
  tasa_iva: 19,
  monto_iva: 1900,
  monto_total: 11900,
  lineas: [{ numero_linea: 1, nombre: 'Flete no cobrado en factura 120', cantidad: 1, unidad: 'UN', precio_unitario: 10000, monto: 10000 }],
  referencias: [{ numero_linea_ref: 1, tipo_doc_ref: '33', folio_ref: '120', fecha_ref: '2026-11-03', cod_ref: 3, razon_ref: 'Corrige montos: agrega flete' }],
});

/** Nota de crédito 61 annulling factura 121, with Odoo's English names for lines and references. */
export const FLAT_CREDITO_61 = body(61, {
  tipo_dte: 61,
  folio: 129,
  fecha_emision: '2026-11-16',
  ...EMISOR,
  ...RECEPTOR,
  monto_neto: 100000,
  monto_exento: 0,
  tasa_iva: 19,
  monto_iva: 19000,
  monto_total: 119000,
  lines: [
    { numero_linea: 1, nombre: 'Cemento Polpaico 25 kg', cantidad: 20, unidad: 'UN', precio_unitario: 4200, monto: 84000 },
    { numero_linea: 2, nombre: 'Arena gruesa m3', cantidad: 2, unidad: 'UN', precio_unitario: 8000, monto: 16000 },
  ],
  references: [{ numero_linea_ref: 1, tipo_doc_ref: '33', folio_ref: '121', fecha_ref: '2026-11-04', cod_ref: 1, razon_ref: 'Anula factura 121' }],
});

/** Swagger's examples of the flat form, keyed by document type. */
export const FLAT_FORM_EXAMPLES = {
  flat_33: { summary: 'Flat form: factura 33 with lines and a PO reference', value: FLAT_FACTURA_33 },
  flat_34: { summary: 'Flat form: factura exenta 34', value: FLAT_EXENTA_34 },
  flat_39: { summary: 'Flat form: boleta 39', value: FLAT_BOLETA_39 },
  flat_52: { summary: 'Flat form: guía de despacho 52 with transport', value: FLAT_GUIA_52 },
  flat_56: { summary: 'Flat form: nota de débito 56', value: FLAT_DEBITO_56 },
  flat_61: { summary: 'Flat form: nota de crédito 61 (lines/references aliases)', value: FLAT_CREDITO_61 },
};
