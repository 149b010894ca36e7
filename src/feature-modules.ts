import type { Type } from '@nestjs/common';
import { GatewayModule } from './gateway/gateway.module';

/** The feature modules mounted by AppModule (gateway, domain services, admin). */
export const FEATURE_MODULES: Type[] = [GatewayModule];
