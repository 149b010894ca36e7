import { Clock } from 'src/common/time/clock';

/** The admin services' clock; tests replace `now`. */
export class AdminClock extends Clock {}
