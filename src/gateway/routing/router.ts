import { VENDOR_NAMES } from 'src/config/app-config';
import type { ProviderId } from '../llm.types';
import type { CatalogModel, Deployment, ModelCatalog } from '../catalog/model-catalog';

export interface RouteTarget {
  provider: ProviderId;
  /** The deployment (account) that serves it, when the model lists several; its id keys the breaker and limits. */
  deployment?: string;
  /** Catalog id ('offline' for the offline provider; the vendor's own name for an uncatalogued provider/model). */
  model: string;
  vendorModel: string;
  /** The retired catalog model this one answers for (a key allowed that model may use it). */
  standsFor?: string;
}

export class UnknownModelError extends Error {
  readonly kind = 'unknown_model';
}

const VENDOR_MODEL_ID = /^[\x21-\x7e]{1,200}$/;

export const OFFLINE_TARGET: RouteTarget = { provider: 'offline', model: 'offline', vendorModel: 'offline' };

export interface RouteOptions {
  /** Models to try after the requested one instead of the catalog's chain. */
  fallbacks?: string[];
  /** Whether the offline provider ends the chain (Odoo features) or not (proxy callers). */
  offline: boolean;
  /** A model's usable deployments in the order to try them (load balancing); absent means the vendor default. */
  arrange?: (model: CatalogModel) => Deployment[];
  /** The instant that decides which models have retired (epoch ms; the catalog's `now()` by default). */
  now?: number;
}

function explicitTarget(id: string, catalog: ModelCatalog, configured: Set<ProviderId>): RouteTarget[] {
  const slash = id.indexOf('/');
  const provider = id.slice(0, slash) as ProviderId;
  const model = id.slice(slash + 1);
  if (!model) throw new UnknownModelError(`Model "${id}" names no model after the provider`);
  // A vendor model id is visible ASCII; anything else (CR/LF, spaces, other scripts) would reach response headers and labels.
  if (!VENDOR_MODEL_ID.test(model))
    throw new UnknownModelError(`Model "${JSON.stringify(model).slice(1, -1).slice(0, 100)}" after "${provider}/" may only hold visible ASCII characters (no spaces or control characters)`);
  if (!configured.has(provider) && !(VENDOR_NAMES as string[]).includes(provider)) throw new UnknownModelError(`Unknown provider "${provider}" in model "${id}"`);
  if (!configured.has(provider)) return [];
  const known = catalog.resolve(model);
  return [known?.provider === provider ? { provider, model: known.id, vendorModel: known.vendorModel } : { provider, model, vendorModel: model }];
}

function catalogTargets(ids: string[], catalog: ModelCatalog, configured: Set<ProviderId>, arrange: RouteOptions['arrange']): RouteTarget[] {
  return ids.flatMap((id) => {
    const m = catalog.get(id);
    if (!m) return [];
    if (m.deployments?.length && arrange) {
      return arrange(m).map((d) => ({ provider: d.provider as ProviderId, model: m.id, vendorModel: d.vendorModel, deployment: d.id }));
    }
    return configured.has(m.provider) ? [{ provider: m.provider as ProviderId, model: m.id, vendorModel: m.vendorModel }] : [];
  });
}

function targetsOf(id: string, catalog: ModelCatalog, configured: Set<ProviderId>, chain: boolean, arrange: RouteOptions['arrange'], now: number): RouteTarget[] {
  if (id.indexOf('/') > 0) return explicitTarget(id, catalog, configured);
  const requested = catalog.resolve(id)?.id;
  if (requested === undefined) throw new UnknownModelError(`Unknown model "${id}": use one of GET /v1/models, or provider/model`);
  const served = catalog.servedBy(requested, now);
  const targets = catalogTargets(chain ? catalog.chainFor(served, now) : [served], catalog, configured, arrange);
  if (served !== requested) for (const target of targets) if (target.model === served) target.standsFor = requested;
  return targets;
}

/**
 * Resolves a requested model to the ordered targets to try: its fallback chain (or the caller's own
 * fallbacks) restricted to configured vendors, then the offline provider when the caller wants it. A retired
 * catalog model is answered by its successor. A vendor's own name for a catalog model ("claude-haiku-4-5-20251001")
 * means that model. `provider/model` pins one explicit route. Every target appears once.
 */
export function resolveTargets(requested: string | undefined, catalog: ModelCatalog, configured: Set<ProviderId>, options: RouteOptions): RouteTarget[] {
  const id = requested?.trim() || catalog.defaultModel;
  if (id === 'offline') return [OFFLINE_TARGET];
  const now = options.now ?? catalog.now();
  const targets = options.fallbacks
    ? [...targetsOf(id, catalog, configured, false, options.arrange, now), ...options.fallbacks.flatMap((f) => targetsOf(f.trim(), catalog, configured, false, options.arrange, now))]
    : targetsOf(id, catalog, configured, true, options.arrange, now);
  const unique = targets.filter((t, i) => targets.findIndex((o) => o.provider === t.provider && o.vendorModel === t.vendorModel && o.deployment === t.deployment) === i);
  return options.offline ? [...unique, OFFLINE_TARGET] : unique;
}
