/** Anthropic extended thinking: the request rules Anthropic enforces with it, and the thinking block it answers first. */
import { idFrom } from '../features/hash';
import { firstWords } from '../reply-builder';
import { BadRequestError } from './wire-format';

interface Thinking {
  type?: string;
  budget_tokens?: unknown;
}

const DOCS = 'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

/** True for `thinking: { type: 'enabled' | 'adaptive' }`. */
export function thinkingEnabled(body: Record<string, unknown>): boolean {
  const type = (body.thinking as Thinking | undefined)?.type;
  return type === 'enabled' || type === 'adaptive';
}

/**
 * With thinking on, Anthropic wants `budget_tokens` >= 1024 and below `max_tokens`, no sampling changes
 * (`temperature` 1 only, no `top_k`, `top_p` 0.95..1), no forced tool, and the last assistant turn with tool calls
 * to start with its thinking block.
 */
export function checkThinking(body: Record<string, unknown>): void {
  if (!thinkingEnabled(body)) return;
  const thinking = body.thinking as Thinking;
  if (thinking.type === 'enabled') {
    const budget = thinking.budget_tokens;
    if (!Number.isInteger(budget) || (budget as number) < 1024) throw new BadRequestError('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
    if ((body.max_tokens as number) <= (budget as number)) throw new BadRequestError(`\`max_tokens\` must be greater than \`thinking.budget_tokens\`. ${DOCS}#max-tokens-and-context-window-size`);
  }
  if (body.temperature != null && body.temperature !== 1) throw new BadRequestError(`\`temperature\` may only be set to 1 when thinking is enabled. ${DOCS}#feature-compatibility`);
  if (body.top_k != null) throw new BadRequestError(`\`top_k\` must be unset when thinking is enabled. ${DOCS}#feature-compatibility`);
  if (body.top_p != null && (body.top_p as number) < 0.95) throw new BadRequestError(`\`top_p\` must be unset or between 0.95 and 1 when thinking is enabled. ${DOCS}#feature-compatibility`);
  const choice = (body.tool_choice as { type?: string } | undefined)?.type;
  if (choice === 'any' || choice === 'tool') throw new BadRequestError('Thinking may not be enabled when tool_choice forces tool use.');
  checkLastToolTurn(body.messages as Array<{ role?: string; content?: unknown }>);
}

/** The visible (summarised) thinking and its signature, deterministic for the prompt. */
export function thinkingBlock(lastUserText: string, answerId: string): { thinking: string; signature: string } {
  return { signature: `Eu${idFrom(`${answerId}:thinking`, 64)}==`, thinking: `Razonamiento simulado: ${firstWords(lastUserText, 8) || '(sin texto)'}` };
}

function checkLastToolTurn(messages: Array<{ role?: string; content?: unknown }>): void {
  for (let i = messages.length - 1; i >= 0; i--) {
    const content = messages[i]?.content;
    if (messages[i]?.role !== 'assistant' || !Array.isArray(content)) continue;
    const blocks = content as Array<{ type?: string }>;
    if (!blocks.some((block) => block?.type === 'tool_use')) return;
    const first = blocks[0]?.type;
    if (first === 'thinking' || first === 'redacted_thinking') return;
    throw new BadRequestError(
      `messages.${i}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. ${DOCS}`,
    );
  }
}
