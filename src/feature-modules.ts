import type { Type } from '@nestjs/common';

/** The feature modules mounted by AppModule (gateway, domain services, admin). */
export const FEATURE_MODULES: Type[] = [];
