/** Supplies the current time to the payroll services; replaced in tests. */
export class PayrollClock {
  /** The current time. */
  now(): Date {
    return new Date();
  }
}
