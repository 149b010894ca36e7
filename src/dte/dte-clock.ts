import { Injectable } from '@nestjs/common';
import { Clock } from 'src/common/time/clock';

/** The DTE services' clock: rules judge dates against it (tests replace `now`). */
@Injectable()
export class DteClock extends Clock {}
