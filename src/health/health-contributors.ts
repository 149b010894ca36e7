import { Injectable } from '@nestjs/common';

export interface HealthContribution {
  status: string;
  [detail: string]: unknown;
}

/** Modules register extra /health entries here (plugin registry, knowledge base, LLM providers). */
@Injectable()
export class HealthContributors {
  private readonly sources = new Map<string, () => Promise<HealthContribution> | HealthContribution>();

  register(name: string, source: () => Promise<HealthContribution> | HealthContribution): void {
    this.sources.set(name, source);
  }

  async collect(): Promise<Record<string, HealthContribution>> {
    const entries = await Promise.all(
      [...this.sources].map(async ([name, source]) => {
        try {
          return [name, await source()] as const;
        } catch (error) {
          return [name, { status: 'down', error: (error as Error).message.slice(0, 200) }] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}
