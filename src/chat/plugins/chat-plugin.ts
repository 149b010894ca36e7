/** Identifiers of the chat plugins; one per knowledge area. */
export type ChatPluginId = 'dte' | 'payroll' | 'stock' | 'account';

/** A chat specialisation: its prompt, how it is recognised in a question, and which knowledge it searches. */
export interface ChatPlugin {
  readonly id: ChatPluginId;
  /** Human name shown as `plugin_used`. */
  readonly name: string;
  /** Stable Spanish system prompt (cached by the gateway). */
  readonly systemPrompt: string;
  /** Spanish keywords or phrases matched against the user's text, accents and case ignored. */
  readonly keywords: readonly string[];
  /** Odoo context modules (`context.module`) that favour this plugin. */
  readonly odooModules: readonly string[];
  /** `knowledge_documents.module` searched for passages. */
  readonly knowledgeModule: string;
  /** Operations the plugin can explain, listed for the user and the prompt. */
  readonly operations: readonly string[];
}

/** Multi-provider token under which every ChatPlugin is registered. */
export const CHAT_PLUGINS = Symbol('CHAT_PLUGINS');

/** Plugin chosen when nothing in the question or the context points elsewhere. */
export const DEFAULT_CHAT_PLUGIN_ID: ChatPluginId = 'account';
