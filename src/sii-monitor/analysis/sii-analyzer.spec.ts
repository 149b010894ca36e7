import { Logger } from '@nestjs/common';

import type { LlmClient, LlmRequest, LlmResult } from 'src/gateway';

import { SiiAnalyzer } from './sii-analyzer';
import type { SiiAnalysisInput } from './sii-analysis.types';

const item: SiiAnalysisInput = {
  kind: 'resoluciones',
  title: 'Resolución Exenta SII N° 128 del 16 de Septiembre del 2026',
  number: '128',
  publishedAt: '2026-09-16',
  summary: 'Será obligatorio incluir datos de transporte en las guías de despacho a contar del 1 de noviembre de 2026.',
  url: 'https://www.sii.cl/x.htm',
  pdfUrl: null,
};

/** An LlmClient whose answer is scripted per test; `offline` mimics the gateway with no vendor configured. */
class ScriptedLlm {
  requests: LlmRequest[] = [];
  constructor(private readonly answer: (request: LlmRequest) => Promise<Partial<LlmResult>>) {}
  async complete(request: LlmRequest): Promise<LlmResult> {
    this.requests.push(request);
    return { text: '', provider: 'openai', ...(await this.answer(request)) } as LlmResult;
  }
  stream(): AsyncIterable<never> {
    throw new Error('not used');
  }
  hasVendors(): boolean {
    return true;
  }
}

const analyzerWith = (llm: ScriptedLlm) => new SiiAnalyzer(llm as unknown as LlmClient);

describe(SiiAnalyzer.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('uses the keyword analysis as the offline answer, sent as system identity with the item fenced', async () => {
    const llm = new ScriptedLlm(async (request) => ({ text: request.offline!(request), provider: 'offline' }));
    const analysis = await analyzerWith(llm).analyze(item);
    expect(analysis).toMatchObject({ team: 'dte', priority: 5, analyzedBy: 'offline' });
    expect(llm.requests[0]).toMatchObject({ operation: 'sii.analyze', caller: { apiKeyName: 'system', companyId: null }, json: true });
    expect(llm.requests[0].messages[0].content).toMatch(/^<sii_document>/);
  });

  it('takes a valid model answer but never below the keyword priority', async () => {
    const answer = { type: 'resolucion', impact: 'medio', modules: ['stock'], deadlines: [], summary: 'Transporte.', priority: 2, actions: ['Revisar'], team: 'inventory' };
    const analysis = await analyzerWith(new ScriptedLlm(async () => ({ text: JSON.stringify(answer) }))).analyze(item);
    expect(analysis).toMatchObject({ team: 'inventory', modules: ['stock'], priority: 5, analyzedBy: 'openai' });
  });

  it('falls back to the keyword rules on a malformed answer or a failed call', async () => {
    const malformed = await analyzerWith(new ScriptedLlm(async () => ({ text: 'Claro, aquí va mi análisis...' }))).analyze(item);
    const failed = await analyzerWith(new ScriptedLlm(() => Promise.reject(new Error('all targets failed')))).analyze(item);
    for (const analysis of [malformed, failed]) expect(analysis).toMatchObject({ team: 'dte', priority: 5, analyzedBy: 'keywords' });
  });

  it('works without any LlmClient', async () => {
    expect(await new SiiAnalyzer().analyze(item)).toMatchObject({ team: 'dte', analyzedBy: 'keywords' });
  });
});
