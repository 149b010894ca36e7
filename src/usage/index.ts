export { UsageModule } from './usage.module';
export { UsageRepository } from './usage.repository';
export type { ProviderPerformance, ProviderWindowStats, UsageExportRow, UsageGroup, UsageGrouping, UsageTotals } from './usage.repository';
export { UsageScope } from './usage-scope';
export type { UsageRange } from './usage-scope';
