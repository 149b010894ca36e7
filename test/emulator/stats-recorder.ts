import type { EmulatorStats, EmulatorUsage, EmulatorVendor, RequestCounters, RequestLogEntry, RuleState } from './emulator.types';

type ModelCounters = EmulatorStats['byModel'][string];

/** Counts requests and sums usage with O(1) work per request. */
export class StatsRecorder {
  private received = 0;
  private answered = 0;
  private byVendor = emptyByVendor();
  private byModel = new Map<string, ModelCounters>();
  private usage = emptyUsage();
  private log: RequestLogEntry[] = [];

  constructor(private readonly maxLog: number) {}

  /** Notes an arriving request; the returned entry is updated as the request ends. */
  noteReceived(vendor: EmulatorVendor, model: string, stream: boolean, at: number): RequestLogEntry {
    this.received++;
    this.byVendor[vendor].received++;
    this.modelCounters(vendor, model).received++;
    const entry: RequestLogEntry = { vendor, model, stream, at, status: 0, outcome: 'pending' };
    this.log.push(entry);
    if (this.log.length > this.maxLog * 2) this.log = this.log.slice(-this.maxLog);
    return entry;
  }

  /** Notes a complete successful answer and its usage. */
  noteAnswered(entry: RequestLogEntry, usage: EmulatorUsage): void {
    entry.outcome = 'ok';
    entry.status = 200;
    this.answered++;
    this.byVendor[entry.vendor].answered++;
    const counters = this.modelCounters(entry.vendor, entry.model);
    counters.answered++;
    addUsage(this.usage, usage);
    addUsage(counters.usage, usage);
  }

  /** A snapshot safe for callers to keep or mutate. */
  snapshot(rules: RuleState[]): EmulatorStats {
    const byModel: EmulatorStats['byModel'] = {};
    for (const [key, value] of this.byModel) byModel[key] = { ...value, usage: { ...value.usage } };
    const log = this.log.length > this.maxLog ? this.log.slice(-this.maxLog) : this.log;
    return {
      received: this.received,
      answered: this.answered,
      byVendor: {
        anthropic: { ...this.byVendor.anthropic },
        gemini: { ...this.byVendor.gemini },
        openai: { ...this.byVendor.openai },
      },
      byModel,
      usage: { ...this.usage },
      requests: log.map((entry) => ({ ...entry })),
      rules,
    };
  }

  /** Zeroes every counter and empties the log. */
  clear(): void {
    this.received = 0;
    this.answered = 0;
    this.byVendor = emptyByVendor();
    this.byModel.clear();
    this.usage = emptyUsage();
    this.log = [];
  }

  private modelCounters(vendor: EmulatorVendor, model: string): ModelCounters {
    const key = `${vendor}:${model}`;
    let counters = this.byModel.get(key);
    if (!counters) {
      counters = { answered: 0, model, received: 0, usage: emptyUsage(), vendor };
      this.byModel.set(key, counters);
    }
    return counters;
  }
}

/** Usage with every counter at zero. */
export function emptyUsage(): EmulatorUsage {
  return { cacheCreationTokens: 0, cachedTokens: 0, inputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
}

function emptyByVendor(): Record<EmulatorVendor, RequestCounters> {
  return { anthropic: { answered: 0, received: 0 }, gemini: { answered: 0, received: 0 }, openai: { answered: 0, received: 0 } };
}

function addUsage(total: EmulatorUsage, usage: EmulatorUsage): void {
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
  total.reasoningTokens += usage.reasoningTokens;
  total.cachedTokens += usage.cachedTokens;
  total.cacheCreationTokens += usage.cacheCreationTokens;
}
