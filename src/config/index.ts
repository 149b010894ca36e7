export { AppConfig, loadConfig, VENDOR_NAMES } from './app-config';
export type { ApiKeyEntry, RouteLimitName, VendorName, VendorSettings } from './app-config';
export { AppConfigModule } from './config.module';
export { ConfigError } from './env.schema';
