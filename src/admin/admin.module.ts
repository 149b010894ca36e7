import { Module } from '@nestjs/common';
import { AdminActionsService } from './admin-actions.service';
import { AdminAuditRepository } from './admin-audit.repository';
import { AdminClock } from './admin-clock';
import { AdminController } from './admin.controller';
import { AdminOverviewService } from './admin-overview.service';
import { CostsReportController } from './report/costs-report.controller';
import { CostsReportService } from './report/costs-report.service';
import { UsageModule } from 'src/usage';

/** Admin API (overview, quota reset, breaker force-close, usage CSV) and the finance cost report. */
@Module({
  imports: [UsageModule],
  controllers: [AdminController, CostsReportController],
  providers: [AdminActionsService, AdminAuditRepository, AdminClock, AdminOverviewService, CostsReportService],
})
export class AdminModule {}
