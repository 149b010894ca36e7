export * from './chat-context.dto';
export * from './chat-request.dto';
export * from './chat-response.dto';
export * from './chat-session.dto';
export * from './knowledge-search.dto';
export * from './odoo-value.transform';
export * from './knowledge-document.dto';
export * from './plain-text.validator';
