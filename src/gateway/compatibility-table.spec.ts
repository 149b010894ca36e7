import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compatibilityTable } from './compatibility-table';
import { createDeepSeekProvider } from './providers/deepseek/deepseek.provider';
import { createGroqProvider } from './providers/groq/groq.provider';
import type { ChatBody } from './providers/provider';

describe(compatibilityTable.name, () => {
  it('is the table the README shows, so the README cannot drift from the mappers', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(compatibilityTable());
  });

  it('lists as refused exactly what the Groq and DeepSeek providers refuse', () => {
    const rows = compatibilityTable().split('\n').slice(2);
    const refusedBy = (column: number) => rows.filter((r) => r.split('|')[column].includes('refused')).map((r) => r.split('`')[1]);
    const refuses = (provider: ReturnType<typeof createGroqProvider>, field: string) => {
      try {
        provider.check({ model: 'm', messages: [], [field]: field === 'n' ? 2 : true } as ChatBody, { dropUnsupported: false });
        return false;
      } catch {
        return true;
      }
    };
    expect(refusedBy(3).every((field) => refuses(createGroqProvider('k'), field))).toBe(true);
    expect(refusedBy(4).every((field) => refuses(createDeepSeekProvider('k'), field))).toBe(true);
  });
});
