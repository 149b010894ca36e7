export { AllExceptionsFilter, toErrorBody } from './all-exceptions.filter';
export type { ErrorBody } from './error-body';
export { reasonPhrase } from './error-body';
export { createValidationPipe, RequestValidationError } from './validation';
