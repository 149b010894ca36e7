import * as payroll from 'src/payroll';
import { addMonths, isValidPeriod, monthsBetween, nearestPeriod, periodOf } from './period';

describe('period helpers', () => {
  it('validates YYYY-MM', () => {
    expect(['2026-03', '2024-12'].every(isValidPeriod)).toBe(true);
    expect(['2026-00', '2026-13', '1999-01', '2026-3', 202603].some(isValidPeriod)).toBe(false);
  });
  it('picks the requested period, else the latest earlier one, else the earliest later one', () => {
    const available = ['2024-01', '2025-09', '2025-11'];
    expect(nearestPeriod('2025-09', available)).toBe('2025-09');
    expect(nearestPeriod('2025-10', available)).toBe('2025-09');
    expect(nearestPeriod('2027-01', available)).toBe('2025-11');
    expect(nearestPeriod('2023-05', available)).toBe('2024-01');
    expect(nearestPeriod('2025-10', [])).toBeNull();
  });
  it('counts and shifts months across years', () => {
    expect(monthsBetween('2024-11', '2026-02')).toBe(15);
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
  it('uses the Chilean calendar month (UTC-3/-4) for "now"', () => {
    expect(periodOf(new Date('2026-04-01T02:00:00Z'))).toBe('2026-03');
    expect(periodOf(new Date('2026-04-01T12:00:00Z'))).toBe('2026-04');
  });
  it('exposes the public API from the module index', () => {
    expect(typeof payroll.validatePayslip).toBe('function');
    expect(payroll.loadShippedIndicators().size).toBe(31);
  });
});
