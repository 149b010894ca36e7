import { Transform } from 'class-transformer';

/** Odoo serialises empty fields as `false`; this turns `false` (and '') into null so optional validators accept it. */
export function OdooEmptyToNull(): PropertyDecorator {
  return Transform(({ value }) => (value === false || value === '' ? null : value));
}
