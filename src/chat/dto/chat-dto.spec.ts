import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fromSessionUserContext, fromWizardContext } from '../chat-context.mapper';
import { ChatMessageRequestDto, ChatRequestDto } from './chat-request.dto';
import { PutKnowledgeDocumentDto } from './knowledge-document.dto';
import { KnowledgeSearchQueryDto } from './knowledge-search.dto';

function check<T extends object>(cls: new () => T, body: unknown): { value: T; errors: string[] } {
  const value = plainToInstance(cls, body);
  const errors = validateSync(value, { whitelist: true }).flatMap(function flatten(e): string[] {
    return [...Object.keys(e.constraints ?? {}).map((c) => `${e.property}:${c}`), ...(e.children ?? []).flatMap(flatten)];
  });
  return { value, errors };
}

const wizardBody = {
  message: '¿Cómo anulo una factura?',
  session_id: 'chat_2_9f1c2b7a',
  context: {
    user: { id: 2, name: 'Javiera', login: 'jsoto', company_id: 1, company_name: 'Maipo', language: 'es_CL' },
    odoo: { active_model: 'account.move', active_id: 4711, active_record_name: 'FAC 000123' },
    session_id: 'chat_2_9f1c2b7a',
    active_record_data: { amount_total: 119000, partner_id: { id: 55, name: 'Cliente' } },
    module: 'l10n_cl_dte',
  },
};

describe(ChatRequestDto.name, () => {
  it('accepts the wizard body with its non-UUID session id and defaults stream to true', () => {
    const { value, errors } = check(ChatRequestDto, wizardBody);
    expect(errors).toEqual([]);
    expect(value.stream).toBe(true);
    expect(fromWizardContext(value.context)).toMatchObject({
      userName: 'Javiera',
      module: 'l10n_cl_dte',
      activeId: 4711,
      activeRecordData: { amount_total: 119000 },
    });
  });

  it("accepts Odoo's false for empty fields", () => {
    const body = { ...wizardBody, context: { ...wizardBody.context, odoo: { active_model: false, active_id: false, active_record_name: false }, active_record_data: false } };
    const { value, errors } = check(ChatRequestDto, body);
    expect(errors).toEqual([]);
    expect(value.context?.odoo?.active_id).toBeNull();
  });

  it.each([
    ['an empty message', { message: '' }, 'message:isNotEmpty'],
    ['a too long message', { message: 'a'.repeat(5001) }, 'message:maxLength'],
    ['a session id with spaces', { message: 'hola', session_id: 'a b' }, 'session_id:matches'],
    ['a non-boolean stream', { message: 'hola', stream: 'yes' }, 'stream:isBoolean'],
    ['a text active_id', { message: 'hola', context: { odoo: { active_id: 'x' } } }, 'active_id:isInt'],
  ])('rejects %s', (_case, body, constraint) => {
    expect(check(ChatRequestDto, body).errors).toContain(constraint);
  });
});

describe(ChatMessageRequestDto.name, () => {
  it('accepts a null session and SQL-looking text, and maps the user context', () => {
    const { value, errors } = check(ChatMessageRequestDto, {
      session_id: null,
      message: 'SELECT el diario y DELETE la línea',
      user_context: { company_name: 'Maipo', user_role: 'Administrador', document_type: 'Factura', amount_total: 119000 },
    });
    expect(errors).toEqual([]);
    expect(fromSessionUserContext(value.user_context)).toMatchObject({
      companyName: 'Maipo',
      userRole: 'Administrador',
      activeRecordData: { tipo_documento: 'Factura', monto_total: 119000 },
    });
  });
});

describe(KnowledgeSearchQueryDto.name, () => {
  it('turns top_k from the query string into a number and defaults it to 3', () => {
    expect(check(KnowledgeSearchQueryDto, { query: 'caf', top_k: '5' }).value.top_k).toBe(5);
    expect(check(KnowledgeSearchQueryDto, { query: 'caf' }).value.top_k).toBe(3);
  });

  it('rejects an unknown module and an out-of-range top_k', () => {
    expect(check(KnowledgeSearchQueryDto, { query: 'caf', module: 'crm', top_k: '99' }).errors).toEqual(expect.arrayContaining(['module:isIn', 'top_k:max']));
  });

  it('rejects a query holding a NUL or another control character', () => {
    expect(check(KnowledgeSearchQueryDto, { query: 'caf\u0000' }).errors).toEqual(['query:matches']);
    expect(check(KnowledgeSearchQueryDto, { query: 'caf\u001b[0m' }).errors).toEqual(['query:matches']);
  });
});

describe(PutKnowledgeDocumentDto.name, () => {
  const doc = { module: 'dte', title: 'Exportación', tags: ['aduana'], content: 'Línea uno\n\tLínea dos\r\n' };

  it('accepts tab and line breaks in the text', () => {
    expect(check(PutKnowledgeDocumentDto, doc).errors).toEqual([]);
  });

  it.each([
    ['a NUL tag', { tags: ['aduana', '\u0000'] }, 'tags:matches'],
    ['a title with a NUL', { title: 'a\u0000b' }, 'title:matches'],
    ['content with a bell', { content: 'texto\u0007' }, 'content:matches'],
  ])('rejects %s naming the field', (_case, change, constraint) => {
    expect(check(PutKnowledgeDocumentDto, { ...doc, ...change }).errors).toEqual([constraint]);
  });
});
