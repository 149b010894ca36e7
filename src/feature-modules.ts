import type { Type } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { ChatModule } from './chat/chat.module';
import { DteModule } from './dte/dte.module';
import { GatewayModule } from './gateway/gateway.module';
import { KeysModule } from './keys';
import { PayrollModule } from './payroll/payroll.module';
import { SiiMonitorModule } from './sii-monitor/sii-monitor.module';
import { UsageModule } from './usage';

/** The feature modules mounted by AppModule (runtime keys, gateway, domain services, admin). */
export const FEATURE_MODULES: Type[] = [KeysModule, GatewayModule, DteModule, PayrollModule, ChatModule, SiiMonitorModule, UsageModule, AdminModule];
