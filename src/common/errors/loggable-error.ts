/** What a log line may say about an error: never a database query's values or the text of a prompt. */
export interface LoggableError {
  type: string;
  message?: string;
  code?: string;
  model?: string;
  stack?: string;
}

const isDatabaseError = (e: { name?: unknown; clientVersion?: unknown }) =>
  e.clientVersion !== undefined || (typeof e.name === 'string' && (e.name.startsWith('PrismaClient') || e.name === 'DriverAdapterError'));

/**
 * A Prisma error's message quotes the call's arguments (prompt texts, document fields) and a database error can
 * quote the value it refused, so for those only the type, the code and the model are kept. Other errors keep
 * their message and stack.
 */
export function loggableError(error: unknown): LoggableError {
  if (error === null || typeof error !== 'object') return { type: typeof error };
  const e = error as {
    name?: string;
    message?: string;
    stack?: string;
    code?: unknown;
    clientVersion?: unknown;
    meta?: { modelName?: unknown; code?: unknown };
    cause?: { originalCode?: unknown; kind?: unknown };
  };
  const type = e.name ?? error.constructor?.name ?? 'Error';
  if (isDatabaseError(e)) {
    const code = e.code ?? e.meta?.code ?? e.cause?.originalCode ?? e.cause?.kind;
    return Object.assign({ type }, code !== undefined ? { code: String(code) } : undefined, typeof e.meta?.modelName === 'string' ? { model: e.meta.modelName } : undefined);
  }
  return { type, message: e.message, stack: e.stack };
}
