import { backoffDelay, retryDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5].map((r) => backoffDelay(r, 1000, 16000, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 16000]);
  });

  it('stays within ±25 % of the nominal delay', () => {
    expect(backoffDelay(1, 1000, 16000, () => 0)).toBe(1500);
    expect(backoffDelay(1, 1000, 16000, () => 0.9999)).toBe(2500);
  });
});

describe('retryDelay', () => {
  it("honours the vendor's Retry-After over the backoff", () => {
    expect(retryDelay(0, 7000, 1000, 16000)).toBe(7000);
  });
});
