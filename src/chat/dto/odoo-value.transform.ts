/** Chat DTOs read Odoo's empty values with the shared rule (src/common/odoo). */
export { OdooEmptyToNull } from 'src/common/odoo';
