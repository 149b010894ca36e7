import { CanActivate, ExceptionFilter, ForbiddenException, Type } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from 'src/common/auth';

type DoorRequest = FastifyRequest & { caller?: Caller };

/** A Nest route served straight from Fastify: the controller method and the arguments its decorators would give it. */
export interface DirectRoute {
  method: 'POST';
  url: string;
  controller: Type<unknown>;
  handler: string;
  call(controller: unknown, request: DoorRequest, reply: FastifyReply): Promise<void>;
}

/** A DirectRoute, typed against its controller. */
export function directRoute<T>(route: {
  method: 'POST';
  url: string;
  controller: Type<T>;
  handler: keyof T & string;
  call(controller: T, request: DoorRequest, reply: FastifyReply): Promise<void>;
}): DirectRoute {
  return route as unknown as DirectRoute;
}

export interface DirectRoutePipeline {
  /** The controller instance Nest built (its dependencies injected). */
  instanceOf<T>(controller: Type<T>): T;
  /** The global guards, in Nest's order. */
  guards: CanActivate[];
  filter: ExceptionFilter;
}

/**
 * Serves the hottest routes without Nest's per-request router machinery (parameter factories, pipes, the
 * interceptor and promise wrappers; without them a /v1 JSON call measured ×1.07 throughput): the same global guards in the same
 * order, the same controller method and the same exception filter, called directly. Nest still declares the route
 * (routing table, Swagger); an onRoute hook swaps its handler as it is registered, so this must run before app.init().
 */
export function serveDirectly(fastify: FastifyInstance, routes: DirectRoute[], pipeline: DirectRoutePipeline): void {
  fastify.addHook('onRoute', (options) => {
    const route = routes.find((r) => r.url === options.url && [options.method].flat().includes(r.method));
    if (!route) return;
    const controller = pipeline.instanceOf(route.controller);
    const handler = (route.controller.prototype as Record<string, (...args: unknown[]) => unknown>)[route.handler];
    options.handler = (request: FastifyRequest, reply: FastifyReply) => {
      const context = new ExecutionContextHost([request, reply], route.controller, handler);
      serve(route, controller, context, request, reply, pipeline.guards).catch((error: unknown) => pipeline.filter.catch(error, context));
    };
  });
}

/**
 * The guards, then the controller. Guards that decide at once (ours, for nearly every request) are not awaited, and
 * the controller's promise is returned as it is: no async frame or turn of the microtask queue of its own.
 */
function serve(route: DirectRoute, controller: unknown, context: ExecutionContextHost, request: FastifyRequest, reply: FastifyReply, guards: CanActivate[]): Promise<void> {
  try {
    for (let i = 0; i < guards.length; i++) {
      const allowed = guards[i].canActivate(context);
      if (typeof allowed !== 'boolean') return serveAfter(allowed, i, route, controller, context, request, reply, guards);
      if (!allowed) throw new ForbiddenException('Forbidden resource');
    }
    return route.call(controller, request, reply);
  } catch (error) {
    return Promise.reject(error); // a guard's refusal (401, 429) is answered by the exception filter, as a rejection
  }
}

/** The rest of `serve` once guard `index` answered with a promise or an observable. */
async function serveAfter(
  pending: ReturnType<CanActivate['canActivate']>,
  index: number,
  route: DirectRoute,
  controller: unknown,
  context: ExecutionContextHost,
  request: FastifyRequest,
  reply: FastifyReply,
  guards: CanActivate[],
): Promise<void> {
  if (!(await pending)) throw new ForbiddenException('Forbidden resource');
  for (const guard of guards.slice(index + 1)) {
    const allowed = guard.canActivate(context);
    if (!(typeof allowed === 'boolean' ? allowed : await allowed)) throw new ForbiddenException('Forbidden resource');
  }
  await route.call(controller, request, reply);
}
