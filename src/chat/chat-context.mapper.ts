import type { ChatUserContext } from './chat-prompt';
import type { ChatContextDto, UserContextDto } from './dto/chat-context.dto';

/** Flattens the universal wizard's `context` (POST /api/chat) into the prompt's user context. */
export function fromWizardContext(context: ChatContextDto | undefined | null): ChatUserContext {
  if (!context) return {};
  return {
    userName: context.user?.name ?? null,
    companyName: context.user?.company_name ?? null,
    language: context.user?.language ?? null,
    module: context.module ?? null,
    activeModel: context.odoo?.active_model ?? null,
    activeId: context.odoo?.active_id ?? null,
    activeRecordName: context.odoo?.active_record_name ?? null,
    activeRecordData: context.active_record_data ?? null,
  };
}

/** Maps the session routes' `user_context` into the prompt's user context. */
export function fromSessionUserContext(context: UserContextDto | undefined | null): ChatUserContext {
  if (!context) return {};
  const invoice = [context.document_type, context.partner_name].some(Boolean)
    ? {
        tipo_documento: context.document_type ?? undefined,
        cliente_o_proveedor: context.partner_name ?? undefined,
        monto_total: context.amount_total ?? undefined,
        moneda: context.currency ?? undefined,
      }
    : null;
  return {
    userName: context.user_name ?? null,
    userRole: context.user_role ?? null,
    companyName: context.company_name ?? null,
    companyRut: context.company_rut ?? null,
    language: context.language ?? null,
    environment: context.environment ?? null,
    module: context.module ?? null,
    activeRecordData: invoice,
  };
}
