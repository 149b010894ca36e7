import { SetMetadata } from '@nestjs/common';
import type { RouteLimitName } from 'src/config';

export const RATE_LIMIT_NAME = 'throttle:limit-name';

/** Applies the configured per-minute limit of that name (THROTTLE_<NAME>_PER_MIN) to the route or controller. */
export const RateLimit = (name: RouteLimitName) => SetMetadata(RATE_LIMIT_NAME, name);
