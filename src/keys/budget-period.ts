/** How often a budget starts again from zero (UTC; weeks start on Monday). */
export const BUDGET_PERIODS = ['day', 'week', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

export const PERIOD_ADJECTIVE: Record<BudgetPeriod, string> = { day: 'daily', week: 'weekly', month: 'monthly' };

export const isBudgetPeriod = (value: unknown): value is BudgetPeriod => BUDGET_PERIODS.includes(value as BudgetPeriod);

/** The period holding `at`: its first day (YYYY-MM-DD, the period's id) and when the next one starts. */
export function currentPeriod(period: BudgetPeriod, at: Date): { start: string; startsAt: Date; resetsAt: Date } {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  let startsAt: Date;
  let resetsAt: Date;
  if (period === 'day') {
    startsAt = new Date(Date.UTC(y, m, d));
    resetsAt = new Date(Date.UTC(y, m, d + 1));
  } else if (period === 'week') {
    const sinceMonday = (at.getUTCDay() + 6) % 7;
    startsAt = new Date(Date.UTC(y, m, d - sinceMonday));
    resetsAt = new Date(Date.UTC(y, m, d - sinceMonday + 7));
  } else {
    startsAt = new Date(Date.UTC(y, m, 1));
    resetsAt = new Date(Date.UTC(y, m + 1, 1));
  }
  return { start: startsAt.toISOString().slice(0, 10), startsAt, resetsAt };
}
