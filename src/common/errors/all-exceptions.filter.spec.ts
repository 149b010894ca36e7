import { Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { stdSerializers } from 'pino';
import { Prisma } from 'src/generated/prisma/client';
import { AllExceptionsFilter } from './all-exceptions.filter';

/** The log line as pino writes it: errors through its standard serializer (message and stack included). */
const asLogLine = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? stdSerializers.err(v) : v));

const PROMPT = '¿Cómo anulo la factura 8811 de Comercial Ñandú?';

function hostReplyingTo(sent: unknown[]): ArgumentsHost {
  const reply = { sent: false, raw: { headersSent: false }, status: () => reply, header: () => reply, send: (body: unknown) => sent.push(body) };
  return { switchToHttp: () => ({ getRequest: () => ({ id: 'req-1', url: '/api/chat' }), getResponse: () => reply }) } as unknown as ArgumentsHost;
}

/** A reply whose client closed the connection before the answer was written. */
function hostOfDepartedCaller(sent: unknown[]): ArgumentsHost {
  const raw = { headersSent: false, destroyed: true, writableFinished: false, end: () => undefined };
  const reply = { sent: false, raw, status: () => reply, header: () => reply, send: (body: unknown) => sent.push(body) };
  return { switchToHttp: () => ({ getRequest: () => ({ id: 'req-2', url: '/v1/chat/completions', headers: {} }), getResponse: () => reply }) } as unknown as ArgumentsHost;
}

/** What the gateway throws once its caller has gone (a ProviderError of kind "aborted"). */
const departure = () => Object.assign(new Error('Request aborted'), { kind: 'aborted', isProviderError: true });

describe(AllExceptionsFilter.name, () => {
  let logged: unknown[];
  let noted: unknown[];
  beforeEach(() => {
    logged = [];
    noted = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    jest.spyOn(Logger.prototype, 'log').mockImplementation((...args: unknown[]) => void noted.push(args));
  });

  it('notes a caller that left before its answer as a 499 on one info line, with no error and nothing sent', () => {
    const sent: unknown[] = [];
    new AllExceptionsFilter().catch(departure(), hostOfDepartedCaller(sent));
    new AllExceptionsFilter().catch(new DOMException('This operation was aborted', 'AbortError'), hostOfDepartedCaller(sent));
    expect(logged).toEqual([]);
    expect(sent).toEqual([]);
    expect(noted).toEqual([
      [{ requestId: 'req-2', status: 499 }, 'caller left before the answer'],
      [{ requestId: 'req-2', status: 499 }, 'caller left before the answer'],
    ]);
  });

  it('still logs a fault with its stack when the caller left meanwhile, and an abort whose caller is still there', () => {
    new AllExceptionsFilter().catch(new TypeError('cannot read properties of undefined'), hostOfDepartedCaller([]));
    const sent: unknown[] = [];
    new AllExceptionsFilter().catch(departure(), hostReplyingTo(sent));
    expect(logged).toEqual([
      [{ err: expect.objectContaining({ type: 'TypeError', stack: expect.stringContaining('TypeError') }), requestId: 'req-2' }, 'Unhandled error'],
      [{ err: expect.objectContaining({ message: 'Request aborted' }), requestId: 'req-1' }, 'Unhandled error'],
    ]);
    expect(sent).toEqual([{ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', requestId: 'req-1' }]);
    expect(noted).toEqual([]);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    [
      'a Prisma request error',
      () =>
        new Prisma.PrismaClientKnownRequestError(`Invalid \`prisma.chatMessage.create()\` invocation:\n{ data: { text: "${PROMPT}" } }`, {
          code: 'P2000',
          clientVersion: '6.19.3',
          meta: { modelName: 'ChatMessage' },
        }),
    ],
    ['an unknown Prisma error', () => new Prisma.PrismaClientUnknownRequestError(`Raw query failed: invalid byte sequence in "${PROMPT}"`, { clientVersion: '6.19.3' })],
    ['a Prisma validation error', () => new Prisma.PrismaClientValidationError(`Argument text: "${PROMPT}"`, { clientVersion: '6.19.3' })],
  ])('logs %s by type and code, never the query values or the prompt', (_kind, build) => {
    const sent: unknown[] = [];
    new AllExceptionsFilter().catch(build(), hostReplyingTo(sent));
    expect(sent).toEqual([{ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', requestId: 'req-1' }]);
    const line = asLogLine(logged);
    expect(line).toMatch(/PrismaClient\w+Error/);
    expect(line).not.toContain('Ñandú');
    expect(line).not.toContain('8811');
  });

  it('keeps the code and model of a Prisma error, and the message of any other error', () => {
    new AllExceptionsFilter().catch(new Prisma.PrismaClientKnownRequestError('x', { code: 'P2002', clientVersion: '6.19.3', meta: { modelName: 'UsageRecord' } }), hostReplyingTo([]));
    new AllExceptionsFilter().catch(new TypeError('cannot read properties of undefined'), hostReplyingTo([]));
    expect(logged[0]).toEqual([{ err: { type: 'PrismaClientKnownRequestError', code: 'P2002', model: 'UsageRecord' }, requestId: 'req-1' }, 'Unhandled error']);
    expect(logged[1]).toEqual([{ err: expect.objectContaining({ type: 'TypeError', message: 'cannot read properties of undefined' }), requestId: 'req-1' }, 'Unhandled error']);
  });
});
