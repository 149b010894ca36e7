import { describeChange } from './indicator-changes';
import { INDICATOR_KEYS, IndicatorSet } from './indicator-set';
import { loadShippedIndicators } from './shipped-indicators';

/** Reverses every object's key order, as a JSONB round trip may. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reorder(v)]),
    );
  return value;
}

describe('describeChange', () => {
  const march = () => loadShippedIndicators().get('2026-03')!;

  it('lists every key of a new period as created', () => {
    expect(describeChange('2026-03', null, march())).toEqual({ period: '2026-03', action: 'created', changed: [...INDICATOR_KEYS] });
  });

  it('sees no change when only key order differs', () => {
    expect(describeChange('2026-03', reorder(march()) as IndicatorSet, march())).toEqual({ period: '2026-03', action: 'unchanged', changed: [] });
  });

  it('names the indicators whose value or status changed, not those whose source text changed', () => {
    const after = march();
    after.afpCommissionPct.value!.modelo = 0.69;
    after.utm = { ...after.utm, status: 'unofficial', confirmed: false };
    after.uf = { ...after.uf, source: 'another source' };
    expect(describeChange('2026-03', march(), after)).toEqual({ period: '2026-03', action: 'updated', changed: ['utm', 'afpCommissionPct'] });
  });
});
