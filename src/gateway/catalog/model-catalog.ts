import { readFileSync } from 'node:fs';
import type { AppConfig, VendorName } from 'src/config';
import shipped from './models.json';

/** USD per million tokens of each kind, as decimal strings (never floats). */
export interface PriceRates {
  input: string;
  output: string;
  cacheWrite: string;
  cacheRead: string;
}

/** Rates for requests whose prompt (input, cache reads and cache writes together) is above `overPromptTokens`. */
export interface LongPromptTier extends PriceRates {
  overPromptTokens: number;
}

export interface ModelPrices extends PriceRates {
  /**
   * Vendors that charge long prompts more (Claude Haiku 5.5 above 100K tokens, GPT-6.1 Sol above 272K, Gemini Pro
   * above 200K) charge every token of such a request, output included, at the higher rates; the highest tier the
   * prompt passes applies. Ascending by `overPromptTokens`.
   */
  longPrompt?: LongPromptTier[];
}

/**
 * One place a model is served from: a vendor account (its key named by an environment variable, so no
 * secret lives in the catalog file), a base URL, a region, a weight for load balancing and its own limits.
 */
export interface Deployment {
  id: string;
  provider: VendorName;
  vendorModel: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  region?: string;
  weight: number;
  rpm?: number;
  tpm?: number;
}

export interface CatalogModel {
  id: string;
  provider: VendorName;
  vendorModel: string;
  contextWindow: number;
  prices: ModelPrices;
  /** Several deployments of the model, balanced by weight; absent means the vendor's one default account. */
  deployments?: Deployment[];
  /** The vendor's shutdown date (YYYY-MM-DD, UTC): from that day the model is no fallback, and `successor` serves its requests. */
  retiresOn?: string;
  /** The catalog model that answers for this one once it has retired. */
  successor?: string;
}

/** A model its vendor has shut down, or will soon. */
export interface ModelRetirement {
  model: string;
  retiresOn: string;
  successor: string | null;
  retired: boolean;
  /** Whole days until the shutdown (0 once it has passed). */
  daysLeft: number;
}

export interface ProviderLimits {
  rpm: number;
  tpm: number;
  rpd: number;
}

interface CatalogFile {
  pricesReadOn: string;
  defaultModel: string;
  models: Record<string, Omit<CatalogModel, 'id' | 'deployments'> & { deployments?: (Partial<Deployment> & { id: string })[] }>;
  fallbackChains: Record<string, string[]>;
  providerLimits: Record<string, ProviderLimits>;
}

const FREE: ModelPrices = { input: '0', output: '0', cacheWrite: '0', cacheRead: '0' };

/** Models, prices, fallback chains and provider limits: the checked-in catalog with the operator's overrides. */
export class ModelCatalog {
  readonly models = new Map<string, CatalogModel>();
  /** Looked up on every request that names a deployment (its limits), so indexed once per load. */
  private readonly deploymentsById = new Map<string, Deployment>();
  /** Catalog ids by the vendor's own name for them ("claude-haiku-4-5-20251001"), where exactly one entry has that name. */
  private readonly idsByVendorModel = new Map<string, string>();
  /** Epoch ms of each retiring model's shutdown, read on every request that names one. */
  private retirements = new Map<string, number>();
  /** Each requested model's chain with retirements applied, kept between two shutdown days (no arrays per request). */
  private servedChains = new Map<string, { chain: string[]; from: number; until: number }>();
  /** Bumped by every reload (replaceWith): anything derived from an earlier load is stale. */
  generation = 0;
  chains: Record<string, string[]>;
  limits: Record<VendorName, ProviderLimits>;
  defaultModel: string;
  pricesReadOn: string;

  constructor(file: CatalogFile, config?: AppConfig) {
    for (const [id, model] of Object.entries(file.models)) {
      const deployments = model.deployments?.map((d) => ({ ...d, provider: d.provider ?? model.provider, vendorModel: d.vendorModel ?? model.vendorModel, weight: d.weight ?? 1 }));
      this.models.set(id, { id, ...model, deployments });
    }
    for (const id of config?.vendors.openaiCompatibleModels ?? []) {
      this.models.set(id, { id, provider: 'openai-compatible', vendorModel: id, contextWindow: 32768, prices: FREE });
    }
    this.assertDeployments();
    assertPrices(this.models);
    this.retirements = checkedRetirements(this.models);
    this.indexDeployments();
    this.indexVendorModels();
    this.chains = { ...file.fallbackChains, ...(config?.llm.fallbackChains ?? {}) };
    const limits = { ...file.providerLimits } as Record<VendorName, ProviderLimits>;
    for (const [provider, override] of Object.entries(config?.llm.providerLimits ?? {})) {
      limits[provider as VendorName] = { ...limits[provider as VendorName], ...override } as ProviderLimits;
    }
    this.limits = limits;
    this.defaultModel = config?.llm.defaultModel ?? (config?.vendors.anthropicModel && this.models.has(config.vendors.anthropicModel) ? config.vendors.anthropicModel : file.defaultModel);
    this.pricesReadOn = file.pricesReadOn;
  }

  static load(config?: AppConfig): ModelCatalog {
    const file = config?.llm.catalogPath ? (JSON.parse(readFileSync(config.llm.catalogPath, 'utf8')) as CatalogFile) : (shipped as CatalogFile);
    return new ModelCatalog(file, config);
  }

  /** Takes another catalog's contents in place, so every holder of this one sees the reload at once. */
  replaceWith(next: ModelCatalog): void {
    this.generation += 1;
    this.models.clear();
    for (const [id, model] of next.models) this.models.set(id, model);
    this.chains = next.chains;
    this.limits = next.limits;
    this.defaultModel = next.defaultModel;
    this.pricesReadOn = next.pricesReadOn;
    this.retirements = next.retirements;
    this.servedChains = new Map();
    this.indexDeployments();
    this.indexVendorModels();
  }

  get(id: string): CatalogModel | undefined {
    return this.models.get(id);
  }

  /**
   * The catalog model a caller's name means: a catalog id, else the one entry whose vendor model has that name, as
   * clients written against a vendor send it (Anthropic's dated ids, Groq's suffixed ones).
   */
  resolve(name: string): CatalogModel | undefined {
    const byId = this.models.get(name);
    if (byId) return byId;
    const id = this.idsByVendorModel.get(name);
    return id === undefined ? undefined : this.models.get(id);
  }

  private indexVendorModels(): void {
    this.idsByVendorModel.clear();
    const shared = new Set<string>();
    for (const model of this.models.values()) {
      if (model.vendorModel === model.id) continue;
      if (this.idsByVendorModel.has(model.vendorModel)) shared.add(model.vendorModel);
      this.idsByVendorModel.set(model.vendorModel, model.id);
    }
    for (const name of shared) this.idsByVendorModel.delete(name);
  }

  private assertDeployments(): void {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const model of this.models.values()) {
      for (const d of model.deployments ?? []) {
        if (!/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(d.id)) problems.push(`${model.id}: deployment id "${d.id}" must be 1-63 letters, digits, . _ -`);
        if (seen.has(d.id)) problems.push(`${model.id}: deployment id "${d.id}" is used twice`);
        seen.add(d.id);
        if (!(d.weight > 0)) problems.push(`${model.id}/${d.id}: weight must be above 0`);
        if (d.apiKeyEnv && !/^[A-Z][A-Z0-9_]*$/.test(d.apiKeyEnv)) problems.push(`${model.id}/${d.id}: apiKeyEnv must name an environment variable`);
      }
    }
    if (problems.length) throw new Error(`Invalid model catalog deployments:\n  - ${problems.join('\n  - ')}`);
  }

  /** Every deployment of every model (their ids are the keys of their breakers and limits). */
  deployments(): Deployment[] {
    return [...this.deploymentsById.values()];
  }

  deployment(id: string): Deployment | undefined {
    return this.deploymentsById.get(id);
  }

  private indexDeployments(): void {
    this.deploymentsById.clear();
    for (const model of this.models.values()) for (const d of model.deployments ?? []) this.deploymentsById.set(d.id, d);
  }

  /** A deployment's own limits over its vendor's (a deployment is one account with its own quotas). */
  limitsFor(provider: string, deploymentId?: string): ProviderLimits | undefined {
    const base = this.limits[provider as VendorName];
    const d = deploymentId ? this.deployment(deploymentId) : undefined;
    if (!d || !base) return base;
    return { ...base, ...(d.rpm !== undefined ? { rpm: d.rpm } : {}), ...(d.tpm !== undefined ? { tpm: d.tpm } : {}) };
  }

  /** The instant retirements are judged at (epoch ms); a test pins it, so that no test changes meaning on a shutdown day. */
  now(): number {
    return Date.now();
  }

  /** Whether the vendor has shut the model down by `now` (epoch ms). */
  isRetired(modelId: string, now = this.now()): boolean {
    const at = this.retirements.get(modelId);
    return at !== undefined && at <= now;
  }

  /** The model that answers for `modelId` at `now`: itself, or the successor of a retired model (followed as far as it goes). */
  servedBy(modelId: string, now = this.now()): string {
    let id = modelId;
    while (this.isRetired(id, now) && this.models.get(id)?.successor) id = this.models.get(id)!.successor!;
    return id;
  }

  /**
   * The ordered models to try for a requested model (the model itself first). Retired entries give way to their
   * successors; a retired fallback with none is left out, while the requested model stays (its vendor has the last word).
   */
  chainFor(modelId: string, now = this.now()): string[] {
    const chain = this.chains[modelId] ?? [modelId];
    if (this.retirements.size === 0) return chain;
    const memo = this.servedChains.get(modelId);
    if (memo && memo.from <= now && now < memo.until) return memo.chain;
    const served = chain.map((id) => this.servedBy(id, now)).filter((id, i) => i === 0 || !this.isRetired(id, now));
    const unique = served.filter((id, i) => served.indexOf(id) === i);
    this.servedChains.set(modelId, Object.assign({ chain: unique }, this.stableSpan(now)));
    return unique;
  }

  /**
   * The span around `now` in which no model retires, from the last shutdown at or before it to the next one after it:
   * what is derived from this catalog's retirements holds throughout (both ends open for a pinned clock that goes back).
   */
  stableSpan(now: number): { from: number; until: number } {
    let from = -Infinity;
    let until = Infinity;
    for (const at of this.retirements.values()) {
      if (at <= now) from = Math.max(from, at);
      else until = Math.min(until, at);
    }
    return { from, until };
  }

  /** Models retired by `now` or retiring within `withinDays` after it, soonest first: what the admin page and log show. */
  retirementsAround(now = this.now(), withinDays = 60): ModelRetirement[] {
    const found: ModelRetirement[] = [];
    for (const [id, at] of this.retirements) {
      const daysLeft = Math.ceil((at - now) / 86_400_000);
      if (daysLeft > withinDays) continue;
      const model = this.models.get(id)!;
      found.push({ model: id, retiresOn: model.retiresOn!, successor: model.successor ?? null, retired: at <= now, daysLeft: Math.max(0, daysLeft) });
    }
    return found.sort((a, b) => a.retiresOn.localeCompare(b.retiresOn) || a.model.localeCompare(b.model));
  }

  /** One line per model retired or retiring within 60 days, for the start-up log and reloads. */
  retirementNotes(now = this.now()): string[] {
    return this.retirementsAround(now).map((r) => {
      const then = r.successor ? `served by ${r.successor}` : 'no successor in the catalog: its requests still go to the vendor, and it is no fallback';
      return r.retired ? `${r.model} retired on ${r.retiresOn}: ${then}` : `${r.model} retires on ${r.retiresOn} (in ${r.daysLeft} days): then ${then}`;
    });
  }
}

const PRICE = /^\d+(\.\d{1,6})?$/;
const RATE_KINDS = ['input', 'output', 'cacheWrite', 'cacheRead'] as const;

/** Every price a decimal with at most 6 decimals, and long-prompt tiers ascending: a bad file is refused when loaded, not on a request. */
function assertPrices(models: Map<string, CatalogModel>): void {
  const problems: string[] = [];
  const checkRates = (where: string, rates: Partial<PriceRates> | undefined) => {
    for (const kind of RATE_KINDS) {
      const price = rates?.[kind];
      if (typeof price !== 'string' || !PRICE.test(price)) problems.push(`${where}: ${kind} price ${JSON.stringify(price)} must be a decimal string with at most 6 decimals (USD per million tokens)`);
    }
  };
  for (const model of models.values()) {
    checkRates(model.id, model.prices);
    const tiers = model.prices?.longPrompt;
    if (tiers === undefined) continue;
    if (!Array.isArray(tiers)) {
      problems.push(`${model.id}: longPrompt must be a list of tiers`);
      continue;
    }
    let previous = 0;
    for (const tier of tiers) {
      const where = `${model.id} longPrompt over ${tier?.overPromptTokens}`;
      if (!Number.isInteger(tier?.overPromptTokens) || tier.overPromptTokens <= previous) {
        problems.push(`${where}: overPromptTokens must be a whole number of tokens above the previous tier's (${previous})`);
      } else previous = tier.overPromptTokens;
      checkRates(where, tier);
    }
  }
  if (problems.length) throw new Error(`Invalid model catalog prices:\n  - ${problems.join('\n  - ')}`);
}

/** Epoch ms of a retiresOn day's start (UTC); NaN for a malformed date. */
export function shutdownInstant(retiresOn: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(retiresOn) ? Date.parse(`${retiresOn}T00:00:00Z`) : Number.NaN;
}

/** Validates every retiresOn and successor (dates, known ids, no loop) and indexes the shutdown instants. */
function checkedRetirements(models: Map<string, CatalogModel>): Map<string, number> {
  const problems: string[] = [];
  const retirements = new Map<string, number>();
  for (const model of models.values()) {
    if (model.retiresOn !== undefined) {
      const at = shutdownInstant(model.retiresOn);
      if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== model.retiresOn) problems.push(`${model.id}: retiresOn "${model.retiresOn}" must be a date as YYYY-MM-DD`);
      else retirements.set(model.id, at);
    }
    if (model.successor === undefined) continue;
    if (model.retiresOn === undefined) problems.push(`${model.id}: a successor needs retiresOn`);
    if (!models.has(model.successor)) problems.push(`${model.id}: successor "${model.successor}" is not a catalog model`);
    const seen = new Set([model.id]);
    for (let next = models.get(model.successor); next; next = next.successor ? models.get(next.successor) : undefined) {
      if (seen.has(next.id)) {
        problems.push(`${model.id}: its successors lead back to ${next.id}`);
        break;
      }
      seen.add(next.id);
    }
  }
  if (problems.length) throw new Error(`Invalid model catalog retirements:\n  - ${problems.join('\n  - ')}`);
  return retirements;
}
