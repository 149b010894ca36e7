import { ArgumentsHost, CanActivate, ExecutionContext, ExceptionFilter, UnauthorizedException } from '@nestjs/common';
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { directRoute, serveDirectly } from './direct-routes';

class EchoDoor {
  seen: unknown[] = [];
  async chat(body: unknown, caller: unknown, _request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.seen.push({ body, caller });
    await reply.send({ answered: body });
  }
}

/** A guard like ApiKeyGuard: sets the caller from the key or refuses. */
const keyGuard: CanActivate = {
  canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest<FastifyRequest & { caller?: unknown }>();
    if (request.headers.authorization !== 'Bearer good') throw new UnauthorizedException('Missing API key');
    request.caller = { keyName: 'odoo' };
    return true;
  },
};

describe('serveDirectly', () => {
  const build = (guards: CanActivate[]) => {
    const fastify = Fastify();
    const door = new EchoDoor();
    const handled: string[] = [];
    const filter: ExceptionFilter = {
      catch(error: unknown, host: ArgumentsHost) {
        handled.push((error as Error).message);
        void host
          .switchToHttp()
          .getResponse<FastifyReply>()
          .status(418)
          .send({ filtered: (error as Error).message });
      },
    };
    const seenHandlers: unknown[] = [];
    const spyGuard: CanActivate = {
      canActivate: (context) => {
        seenHandlers.push([context.getClass(), context.getHandler()]);
        return true;
      },
    };
    serveDirectly(fastify, [directRoute({ method: 'POST', url: '/v1/chat/completions', controller: EchoDoor, handler: 'chat', call: (d, req, reply) => d.chat(req.body, req.caller, req, reply) })], {
      instanceOf: () => door as never,
      guards: [...guards, spyGuard],
      filter,
    });
    // What Nest does at app.init(): registers its own handler for the route, and one for a route not served directly.
    fastify.post('/v1/chat/completions', async () => ({ through: 'nest' }));
    fastify.post('/v1/embeddings', async () => ({ through: 'nest' }));
    return { fastify, door, handled, seenHandlers };
  };

  it('serves the route through the guards and the controller method instead of the handler registered for it', async () => {
    const { fastify, door, seenHandlers } = build([keyGuard]);
    const answer = await fastify.inject({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer good' }, payload: { model: 'm' } });
    expect(answer.json()).toEqual({ answered: { model: 'm' } });
    expect(door.seen).toEqual([{ body: { model: 'm' }, caller: { keyName: 'odoo' } }]);
    // Guards see the controller class and method, as Nest gives them (route metadata such as @RateLimit is read from these).
    expect(seenHandlers).toEqual([[EchoDoor, EchoDoor.prototype.chat]]);
    expect((await fastify.inject({ method: 'POST', url: '/v1/embeddings', payload: {} })).json()).toEqual({ through: 'nest' });
  });

  it('hands a guard refusal to the exception filter without calling the controller', async () => {
    const { fastify, door, handled } = build([keyGuard]);
    const answer = await fastify.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'm' } });
    expect(answer.statusCode).toBe(418);
    expect(handled).toEqual(['Missing API key']);
    expect(door.seen).toEqual([]);
  });

  it('refuses with 403 when a guard answers false, as Nest does', async () => {
    const { fastify, handled } = build([{ canActivate: () => false }]);
    await fastify.inject({ method: 'POST', url: '/v1/chat/completions', payload: {} });
    expect(handled).toEqual(['Forbidden resource']);
  });
});
