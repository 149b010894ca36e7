import { VENDOR_NAMES } from 'src/config/app-config';
import type { ProviderId } from '../llm.types';
import type { ModelCatalog } from '../catalog/model-catalog';

export interface RouteTarget {
  provider: ProviderId;
  /** Catalog id ('offline' for the offline provider). */
  model: string;
  vendorModel: string;
}

export class UnknownModelError extends Error {
  readonly kind = 'unknown_model';
}

/**
 * Resolves a requested model to the ordered targets to try: its fallback chain restricted to configured
 * vendors, then the offline provider. `provider/model` pins one explicit route (still with offline last).
 */
export function resolveTargets(requested: string | undefined, catalog: ModelCatalog, configured: Set<ProviderId>): RouteTarget[] {
  const offline: RouteTarget = { provider: 'offline', model: 'offline', vendorModel: 'offline' };
  const id = requested?.trim() || catalog.defaultModel;
  if (id === 'offline') return [offline];
  const slash = id.indexOf('/');
  if (slash > 0) {
    const provider = id.slice(0, slash) as ProviderId;
    const model = id.slice(slash + 1);
    const known = catalog.get(model);
    if (!configured.has(provider) && !(VENDOR_NAMES as string[]).includes(provider)) {
      throw new UnknownModelError(`Unknown provider "${provider}" in model "${id}"`);
    }
    const targets = configured.has(provider) ? [{ provider, model: known?.provider === provider ? known.id : model, vendorModel: known?.provider === provider ? known.vendorModel : model }] : [];
    return [...targets, offline];
  }
  if (!catalog.get(id)) throw new UnknownModelError(`Unknown model "${id}": use one of GET /v1/models, or provider/model`);
  const targets = catalog
    .chainFor(id)
    .map((m) => catalog.get(m))
    .filter((m): m is NonNullable<typeof m> => Boolean(m) && configured.has(m!.provider))
    .map((m) => ({ provider: m.provider as ProviderId, model: m.id, vendorModel: m.vendorModel }));
  return [...targets, offline];
}
