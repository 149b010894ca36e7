import { Injectable } from '@nestjs/common';

/** The DTE services' clock: rules judge dates against it (tests replace `now`). */
@Injectable()
export class DteClock {
  /** The current instant. */
  now(): Date {
    return new Date();
  }
}
