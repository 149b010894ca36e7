import { Clock } from 'src/common/time/clock';

/** The payroll services' clock; tests replace `now`. */
export class PayrollClock extends Clock {}
