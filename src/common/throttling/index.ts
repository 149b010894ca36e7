export { ApiThrottlerGuard } from './api-throttler.guard';
export { RateLimit } from './rate-limit.decorator';
export { ThrottlingModule } from './throttling.module';
