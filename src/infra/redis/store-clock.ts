import { Clock } from 'src/common/time/clock';

/** The clock of the in-process store's expiries (no REDIS_URL); tests move it instead of sleeping through a TTL. */
export class StoreClock extends Clock {}
