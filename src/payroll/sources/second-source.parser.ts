import { parseChileanNumber, SourceFormatError } from './chilean-text';

/** Values of a second source by date 'YYYY-MM-DD' (UF: daily; UTM: first day of the month). */
export type DatedValues = Map<string, number>;

/** mindicador.cl `/api/uf/{YYYY}` or `/api/utm/{YYYY}`: `serie[{fecha, valor}]`, `fecha` midnight Chile time written in UTC. */
export function parseMindicator(json: string): DatedValues {
  const doc = JSON.parse(json) as { serie?: Array<{ fecha?: string; valor?: number }> };
  if (!Array.isArray(doc.serie)) throw new SourceFormatError('mindicador: no serie');
  const values: DatedValues = new Map();
  for (const point of doc.serie) {
    if (typeof point.fecha === 'string' && typeof point.valor === 'number') values.set(point.fecha.slice(0, 10), point.valor);
  }
  return values;
}

/** CMF `/uf/{YYYY}?formato=json`: `{"UFs":[{"Valor":"40.823,03","Fecha":"YYYY-MM-DD"}]}` (UTM: `UTMs`). */
export function parseCmf(json: string): DatedValues {
  const doc = JSON.parse(json) as Record<string, Array<{ Valor?: string; Fecha?: string }>>;
  const list = doc.UFs ?? doc.UTMs;
  if (!Array.isArray(list)) throw new SourceFormatError('CMF: no UFs/UTMs list');
  const values: DatedValues = new Map();
  for (const item of list) {
    const value = parseChileanNumber(item.Valor);
    if (item.Fecha && value !== null) values.set(item.Fecha.slice(0, 10), value);
  }
  return values;
}

/** The relative difference in percent between a primary value and a second source's, or null when agreeing within `tolerancePct`. */
export function disagreement(primary: number, second: number, tolerancePct: number): number | null {
  const pct = (Math.abs(primary - second) / second) * 100;
  return pct > tolerancePct ? Math.round(pct * 1000) / 1000 : null;
}
