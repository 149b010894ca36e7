import { DEFAULT_CHAT_PLUGIN_ID, type ChatPlugin } from './chat-plugin';
import { containsPhrase, stemmedWords } from './spanish-text';

/** Points a plugin earns when the user's Odoo module is one of its `odooModules`. */
export const MODULE_MATCH_BONUS = 2;

/** Which plugin answers, with its score and the human-readable reasons behind it. */
export interface PluginSelection {
  plugin: ChatPlugin;
  score: number;
  reasons: string[];
}

/** What the caller knows about where the user is in Odoo. */
export interface PluginSelectionContext {
  module?: string | null;
}

// Plugins and their keywords never change after start-up: stem each plugin's keywords once, not on every message.
const stemmedKeywordsCache = new WeakMap<ChatPlugin, readonly { keyword: string; phrase: string[] }[]>();

function stemmedKeywords(plugin: ChatPlugin): readonly { keyword: string; phrase: string[] }[] {
  let stemmed = stemmedKeywordsCache.get(plugin);
  if (!stemmed) {
    stemmed = plugin.keywords.map((keyword) => ({ keyword, phrase: stemmedWords(keyword) }));
    stemmedKeywordsCache.set(plugin, stemmed);
  }
  return stemmed;
}

/**
 * Picks the plugin whose keywords best match the text (a phrase of n words scores n), plus a bonus when the user's
 * Odoo module belongs to it. Ties go to the module's plugin, then to the default (`account`: general accounting is the
 * broadest area, so an unclassified question lands there), then to registration order.
 */
export function selectPlugin(plugins: readonly ChatPlugin[], text: string, context: PluginSelectionContext = {}): PluginSelection {
  if (plugins.length === 0) throw new Error('selectPlugin needs at least one plugin');
  const words = stemmedWords(text);
  const module = context.module?.trim().toLowerCase() || undefined;
  const scored = plugins.map((plugin, index) => {
    const reasons: string[] = [];
    let score = 0;
    for (const { keyword, phrase } of stemmedKeywords(plugin)) {
      if (containsPhrase(words, phrase)) {
        score += phrase.length;
        reasons.push(`palabra clave "${keyword}"`);
      }
    }
    const moduleMatch = module !== undefined && plugin.odooModules.includes(module);
    if (moduleMatch) {
      score += MODULE_MATCH_BONUS;
      reasons.push(`módulo de Odoo "${module}"`);
    }
    return { plugin, score, reasons, moduleMatch, isDefault: plugin.id === DEFAULT_CHAT_PLUGIN_ID, index };
  });
  scored.sort((a, b) => b.score - a.score || Number(b.moduleMatch) - Number(a.moduleMatch) || Number(b.isDefault) - Number(a.isDefault) || a.index - b.index);
  const best = scored[0];
  const reasons = best.score > 0 ? best.reasons : ['sin coincidencias: plugin por defecto'];
  return { plugin: best.plugin, score: best.score, reasons };
}
