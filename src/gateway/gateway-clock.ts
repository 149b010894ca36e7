import { Injectable } from '@nestjs/common';
import { Clock } from 'src/common/time/clock';

/** The gateway's time: deadlines, rate-limit waits and usage timestamps read it, so a test can move it. */
@Injectable()
export class GatewayClock extends Clock {
  /**
   * Milliseconds since the epoch, read without a Date (several reads a request). A test that moves this clock
   * overrides both methods.
   */
  nowMs(): number {
    return Date.now();
  }
}
