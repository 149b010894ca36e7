export { NestPinoLogger } from './nest-pino-logger';
export { RequestLogController } from './request-log-controller';
export { bufferedStdout, createRootLogger } from './root-logger';
export { RequestLineWriter } from './request-line-writer';
export { requestChildLogger } from './request-logger';
