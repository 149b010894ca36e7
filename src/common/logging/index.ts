export { NestPinoLogger } from './nest-pino-logger';
export { RequestLogController } from './request-log-controller';
export { bufferedStdout, createRequestLineLogger, createRootLogger } from './root-logger';
export { requestChildLogger } from './request-logger';
