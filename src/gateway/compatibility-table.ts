import { DEEPSEEK_REFUSED } from './providers/deepseek/deepseek.provider';
import { GROQ_REFUSED } from './providers/groq/groq.provider';
import type { RefusedField } from './providers/openai-compatible/openai-compatible.provider';
import { ANTHROPIC_FIELD_SUPPORT } from './providers/anthropic/anthropic-request.mapper';
import { GEMINI_FIELD_SUPPORT } from './providers/gemini/gemini-request.mapper';
import type { FieldHandling } from './providers/unsupported-parameter.error';

const fieldsOf = (refused: RefusedField[]) => new Set(refused.map((r) => r.field));

const LABEL: Record<FieldHandling | 'passed', string> = { passed: 'passed', translated: 'translated', refused: '**refused**', ignored: 'ignored' };

/**
 * The README's compatibility table: each OpenAI Chat Completions field and what each target does with it.
 * Built from the mappers' own support tables, so the README cannot drift from the code (a spec compares them).
 */
export function compatibilityTable(): string {
  const fields = Object.keys(ANTHROPIC_FIELD_SUPPORT).sort();
  const rows = fields.map((field) => {
    const anthropic = ANTHROPIC_FIELD_SUPPORT[field as keyof typeof ANTHROPIC_FIELD_SUPPORT];
    const gemini = GEMINI_FIELD_SUPPORT[field as keyof typeof GEMINI_FIELD_SUPPORT] ?? 'refused';
    const groq = fieldsOf(GROQ_REFUSED).has(field) ? 'refused' : 'passed';
    const deepseek = fieldsOf(DEEPSEEK_REFUSED).has(field) ? 'refused' : 'passed';
    return `| \`${field}\` | ${LABEL.passed} | ${LABEL[groq]} | ${LABEL[deepseek]} | ${LABEL[anthropic]} | ${LABEL[gemini]} |`;
  });
  return ['| field | OpenAI, compatible servers | Groq | DeepSeek | Anthropic | Gemini |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
