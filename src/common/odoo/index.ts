export { asRecord, isOdooEmpty, NUMERIC_TEXT, odooNumber, odooText, OdooEmptyToNull } from './odoo-values';
