/** When the emulator answers with tool calls, which ones, and with what arguments. */
import type { RequestFeatures, ToolCall } from '../wire/wire-format';
import { idFrom } from './hash';
import { sampleFromSchema } from './schema-sample';

const TOOL_WORD = /\b(herramientas?|tools?)\b/i;
const TWO_TOOLS = /\b(dos herramientas|two tools)\b/i;
const FRAGMENT_CHARS = 12;
const ECHOED_WORDS = 8;

/**
 * The calls to make, or an empty list for a text answer. A tool is called when tools are declared, the last turn
 * is not a tool result, the choice is not `none`, and the choice forces one (a named tool or `required`/`any`) or
 * the last user message says "herramienta"/"tool". The forced tool, else the first; the first two when the message
 * asks for "dos herramientas"/"two tools" and parallel calls are allowed.
 */
export function plannedToolCalls(features: RequestFeatures, lastUserText: string, idPrefix: string, idSeed: string): ToolCall[] {
  const { tools } = features;
  if (tools.length === 0 || features.toolResults || features.toolMode === 'none') return [];
  const forced = features.forcedTool ? tools.find((tool) => tool.name === features.forcedTool) : undefined;
  if (!forced && features.toolMode !== 'any' && !TOOL_WORD.test(lastUserText)) return [];
  const wantsTwo = !forced && features.parallelTools && tools.length >= 2 && TWO_TOOLS.test(lastUserText);
  const chosen = forced ? [forced] : tools.slice(0, wantsTwo ? 2 : 1);
  const echoed = (lastUserText.match(/\S+/g) ?? []).slice(0, ECHOED_WORDS).join(' ');
  return chosen.map((tool, index) => {
    const sampled = sampleFromSchema(tool.parameters, echoed);
    const input = sampled && typeof sampled === 'object' && !Array.isArray(sampled) ? (sampled as Record<string, unknown>) : {};
    const args = JSON.stringify(input);
    return { arguments: args, fragments: fragmentsOf(args), id: `${idPrefix}${idFrom(`${idSeed}:${index}`)}`, input, name: tool.name };
  });
}

/** The text answer to a tool-result turn: `Resultado de la herramienta: <first 60 characters of each result>`. */
export function toolResultReply(results: string[]): string {
  return `Resultado de la herramienta: ${results.map((result) => result.slice(0, 60)).join(' | ')}`;
}

/** Output tokens billed for tool calls (≈ 4 characters of name and arguments per token). */
export function toolCallTokens(calls: ToolCall[]): number {
  return calls.reduce((sum, call) => sum + Math.ceil((call.name.length + call.arguments.length) / 4), 0);
}

function fragmentsOf(args: string): string[] {
  const fragments: string[] = [];
  for (let i = 0; i < args.length; i += FRAGMENT_CHARS) fragments.push(args.slice(i, i + FRAGMENT_CHARS));
  return fragments.length > 0 ? fragments : [''];
}
