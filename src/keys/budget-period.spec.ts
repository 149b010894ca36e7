import { currentPeriod } from './budget-period';

describe('currentPeriod', () => {
  const at = new Date('2026-12-03T22:15:00Z'); // a Thursday

  it('starts a daily budget at UTC midnight', () => {
    expect(currentPeriod('day', at)).toEqual({ start: '2026-12-03', startsAt: new Date('2026-12-03T00:00:00Z'), resetsAt: new Date('2026-12-04T00:00:00Z') });
  });

  it('starts a weekly budget on Monday, also when asked on a Sunday', () => {
    expect(currentPeriod('week', at).start).toBe('2026-11-30');
    expect(currentPeriod('week', new Date('2026-12-06T23:59:59Z'))).toMatchObject({ start: '2026-11-30', resetsAt: new Date('2026-12-07T00:00:00Z') });
    expect(currentPeriod('week', new Date('2026-12-07T00:00:00Z')).start).toBe('2026-12-07');
  });

  it('starts a monthly budget on the 1st and resets across the year end', () => {
    expect(currentPeriod('month', at)).toMatchObject({ start: '2026-12-01', resetsAt: new Date('2027-01-01T00:00:00Z') });
  });
});
