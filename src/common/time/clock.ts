/**
 * The current instant. Each domain injects its own subclass (DteClock, PayrollClock, ...) so a test can move one
 * domain's time without moving the others'.
 */
export class Clock {
  /** The current instant. */
  now(): Date {
    return new Date();
  }
}
