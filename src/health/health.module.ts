import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DependencyProbeService } from './dependency-probe.service';
import { HealthContributors } from './health-contributors';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DependencyProbeService, HealthService, HealthContributors],
  exports: [HealthContributors, DependencyProbeService],
})
export class HealthModule {}
