import type { Caller } from 'src/common/auth';

/**
 * Whose usage a read may see: the caller's companies, or every company for a key bound to none. Every read of
 * usage_records takes one, so a view of money or usage cannot forget the caller's scope.
 */
export class UsageScope {
  private constructor(readonly companies: readonly number[] | null) {}

  /** The scope of an authenticated caller. */
  static of(caller: Pick<Caller, 'companies'>): UsageScope {
    return new UsageScope(caller.companies === null ? null : [...caller.companies]);
  }

  get everyCompany(): boolean {
    return this.companies === null;
  }
}

/** A range of time, start inclusive and end exclusive; an open end reads to the first or last row. */
export interface UsageRange {
  from?: Date;
  toExclusive?: Date;
}
