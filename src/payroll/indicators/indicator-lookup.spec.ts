import { lookupMessage, lookupPeriod } from './indicator-lookup';

const AVAILABLE = ['2024-01', '2025-06', '2026-03', '2026-07'];
const NOW = new Date('2026-11-22T12:00:00Z');

describe('lookupPeriod', () => {
  it('finds a stored period', () => {
    expect(lookupPeriod('2026-03', AVAILABLE, NOW)).toEqual({ kind: 'found', period: '2026-03' });
  });

  it('names the latest earlier period for a missing one, or the earliest when none is earlier', () => {
    expect(lookupPeriod('2025-12', AVAILABLE, NOW)).toEqual({ kind: 'unknown', requested: '2025-12', nearest: '2025-06' });
    expect(lookupPeriod('2023-05', AVAILABLE, NOW)).toEqual({ kind: 'unknown', requested: '2023-05', nearest: '2024-01' });
  });

  it('reads what a malformed period seems to mean', () => {
    expect(lookupPeriod('2026-3', AVAILABLE, NOW)).toMatchObject({ kind: 'malformed', nearest: '2026-03' });
    expect(lookupPeriod('202506', AVAILABLE, NOW)).toMatchObject({ kind: 'malformed', nearest: '2025-06' });
  });

  it('falls back to the current month for an unreadable period', () => {
    expect(lookupPeriod('marzo', AVAILABLE, NOW)).toEqual({ kind: 'malformed', requested: 'marzo', nearest: '2026-07' });
    expect(lookupPeriod('2026-13', AVAILABLE, NOW)).toMatchObject({ kind: 'malformed', nearest: '2026-07' });
  });

  it('has no nearest period when nothing is stored', () => {
    expect(lookupPeriod('2026-03', [], NOW)).toEqual({ kind: 'unknown', requested: '2026-03', nearest: null });
  });
});

describe('lookupMessage', () => {
  it('names the nearest period, or says nothing is loaded', () => {
    expect(lookupMessage({ kind: 'unknown', requested: '2023-05', nearest: '2024-01' })).toBe('No hay indicadores para 2023-05. Período disponible más cercano: 2024-01');
    expect(lookupMessage({ kind: 'malformed', requested: 'x', nearest: null })).toBe('Formato de período inválido: "x" (use YYYY-MM). No hay indicadores cargados');
  });
});
