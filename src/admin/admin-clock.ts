/** Supplies the current time to the admin services; replaced in tests. */
export class AdminClock {
  /** The current time. */
  now(): Date {
    return new Date();
  }
}
