import { CanActivate, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { resolveDatabase } from './bootstrap/database';
import { ensureLocalKeys } from './bootstrap/dev-keys';
import { clientErrorStatus, fastifyTrustProxy, httpServerOptions } from './bootstrap/http-server-options';
import { useJsonBodyParser } from './bootstrap/json-body';
import { lazySchemaCompilers } from './bootstrap/schema-compilers';
import { mountStaticAssets } from './bootstrap/static-assets';
import { AllExceptionsFilter, reasonPhrase, toErrorBody } from './common/errors';
import { newUuid } from './common/ids';
import { serveDirectly } from './common/http/direct-routes';
import { GLOBAL_GUARDS } from './common/common.module';
import { DIRECT_DOOR_ROUTES } from './gateway/front-door/direct-door-routes';
import { bufferedStdout, createRootLogger, NestPinoLogger, RequestLineWriter, RequestLogController, requestChildLogger } from './common/logging';
import { AppConfig } from './config';
import { registerHttpMetrics } from './infra/metrics/http-metrics';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export interface RunningApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Closes the app (in-flight requests finish, buffers flush) and the embedded database. */
  close(): Promise<void>;
}

function requestId(req: Pick<IncomingMessage, 'headers'>): string {
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : newUuid();
  (req as { id?: string }).id = id;
  return id;
}

/** Builds the whole application (database resolved and migrated first); main.ts and the e2e tests both use it. */
export async function createApp(config: AppConfig, options: { logger?: boolean; logDestination?: DestinationStream } = {}): Promise<RunningApp> {
  const notes = ensureLocalKeys(config);
  const database = await resolveDatabase(config);
  const logDestination = options.logger === false ? undefined : (options.logDestination ?? bufferedStdout());
  const rootLogger = logDestination && createRootLogger(config.logLevel, logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    logController: new RequestLogController(logDestination && new RequestLineWriter(config.logLevel, logDestination)),
    childLoggerFactory: requestChildLogger,
    bodyLimit: config.http.bodyLimitBytes,
    genReqId: requestId,
    trustProxy: fastifyTrustProxy(config.http.trustProxy),
    return503OnClosing: true,
    schemaController: lazySchemaCompilers(),
    ...httpServerOptions(config),
    // Errors Fastify raises before routing (bad URL encoding, over-long parameters) get the standard body too.
    frameworkErrors: (error: FastifyError, request: Pick<FastifyRequest, 'id'>, reply: FastifyReply) => {
      const body = toErrorBody(error, String(request.id));
      void reply.status(body.statusCode).header('x-request-id', body.requestId).send(body);
    },
    // Requests Node's parser rejects (oversized headers, garbage) never reach Fastify: answer them in the same shape.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return socket.destroy();
      const status = clientErrorStatus(error as { code?: string });
      const id = randomUUID();
      const message = { 408: 'The request did not arrive in time (HTTP_HEADERS_TIMEOUT_MS / HTTP_BODY_TIMEOUT_MS)', 431: 'Request headers (or URL) are too large', 400: 'Malformed HTTP request' }[
        status
      ];
      const body = JSON.stringify({ statusCode: status, error: reasonPhrase(status), message, requestId: id });
      socket.end(
        `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, database.connection), adapter, {
      logger: rootLogger ? new NestPinoLogger(rootLogger) : false,
    });
    configureApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await database.stop();
    throw error;
  }
  const log = new Logger('Startup');
  const db = database.connection;
  log.log(
    `database: ${db.mode === 'embedded' ? `embedded PGlite (DATABASE_URL not set), data in ${config.database.dataDir}/pglite` : 'Postgres server from DATABASE_URL'}; migrations applied now ${db.migrations.applied.length}, before ${db.migrations.alreadyApplied.length}`,
  );
  log.log(`redis: ${config.redis.url ? 'Redis from REDIS_URL (state shared by replicas)' : 'in-process store (REDIS_URL not set): fine for a single replica only'}`);
  const vendors = config.configuredVendors();
  log.log(`LLM vendors configured: ${vendors.length ? vendors.join(', ') : 'none (features answer deterministically through the offline provider)'}`);
  notes.forEach((note) => log.warn(note));
  return {
    app,
    config,
    async close() {
      await app.close();
      await database.stop();
    },
  };
}

/** Fastify hooks, error handling, Swagger and static assets: everything besides the module graph. */
export function configureApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // Errors are answered by Nest's error handler (set in app.init(), it hands them to AllExceptionsFilter).
  registerHttpMetrics(fastify);
  serveDirectly(fastify, DIRECT_DOOR_ROUTES, {
    instanceOf: (controller) => app.get(controller, { strict: false }),
    guards: GLOBAL_GUARDS.map((guard) => app.get<CanActivate>(guard, { strict: false })),
    filter: app.get(AllExceptionsFilter, { strict: false }),
  });
  useJsonBodyParser(app, app.get(AppConfig).http.bodyLimitBytes);
  mountStaticAssets(app);

  // Built on the first request of /docs or /docs-json, not at start-up (it walks every controller and DTO).
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('odoo-ai-gateway')
        .setDescription('LLM gateway and Chilean domain services (DTE, payroll, chat, SII monitor) for Odoo 19. Send `Authorization: Bearer <API key>`.')
        .setVersion('0.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API_KEY / API_KEYS entry; admin routes need ADMIN_API_KEY' }, 'bearer')
        .addSecurityRequirements('bearer')
        .build(),
    );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
