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

describe(AllExceptionsFilter.name, () => {
  let logged: unknown[];
  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
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
