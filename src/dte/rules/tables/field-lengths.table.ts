/** Maximum text lengths (XSD and FMT, dte-rules.md §3 and §6; DirOrigen uses FMT's 60, not the XSD's 70). */

export interface FieldLength {
  path: string;
  label: string;
  max: number;
}

export const HEADER_FIELD_LENGTHS: readonly FieldLength[] = [
  { path: 'Emisor.RznSoc', label: 'razón social del emisor', max: 100 },
  { path: 'Emisor.GiroEmis', label: 'giro del emisor', max: 80 },
  { path: 'Emisor.DirOrigen', label: 'dirección de origen', max: 60 },
  { path: 'Emisor.CmnaOrigen', label: 'comuna de origen', max: 20 },
  { path: 'Emisor.CiudadOrigen', label: 'ciudad de origen', max: 20 },
  { path: 'Emisor.Sucursal', label: 'sucursal', max: 20 },
  { path: 'Emisor.CdgVendedor', label: 'código de vendedor', max: 60 },
  { path: 'Emisor.CorreoEmisor', label: 'correo del emisor', max: 80 },
  { path: 'Receptor.RznSocRecep', label: 'razón social del receptor', max: 100 },
  { path: 'Receptor.GiroRecep', label: 'giro del receptor', max: 40 },
  { path: 'Receptor.DirRecep', label: 'dirección del receptor', max: 70 },
  { path: 'Receptor.CmnaRecep', label: 'comuna del receptor', max: 20 },
  { path: 'Receptor.CiudadRecep', label: 'ciudad del receptor', max: 20 },
  { path: 'Receptor.CorreoRecep', label: 'correo del receptor', max: 80 },
  { path: 'Receptor.Contacto', label: 'contacto del receptor', max: 80 },
  { path: 'Receptor.CdgIntRecep', label: 'código interno del receptor', max: 20 },
  { path: 'Transporte.Patente', label: 'patente', max: 8 },
  { path: 'Transporte.PatenteCarro', label: 'patente del carro', max: 8 },
  { path: 'Transporte.NombreChofer', label: 'nombre del chofer', max: 30 },
  { path: 'Transporte.DirDest', label: 'dirección de destino', max: 70 },
  { path: 'Transporte.CmnaDest', label: 'comuna de destino', max: 20 },
  { path: 'Transporte.CiudadDest', label: 'ciudad de destino', max: 20 },
];

/** Per-line limits (L-02); `min` 1 means the text must not be empty when present. */
export const LINE_FIELD_LENGTHS: readonly (FieldLength & { min?: number })[] = [
  { path: 'NmbItem', label: 'nombre del ítem', max: 80, min: 1 },
  { path: 'DscItem', label: 'descripción del ítem', max: 1000 },
  { path: 'UnmdItem', label: 'unidad de medida', max: 4 },
];
