// The floor: the least a Node gateway can do per request (Fastify in, undici out, bodies passed through
// untouched). The bench runs it beside our service so CPU per request has a yardstick on the same machine.
// Usage: node bench/lib/floor-forwarder.js <port> <upstream origin>
const Fastify = require('fastify');
const { Pool } = require('undici');

const [port, upstream] = process.argv.slice(2);
const pool = new Pool(upstream, { connections: 128, pipelining: 1 });
const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

app.post('/v1/chat/completions', async (request, reply) => {
  const upstreamReply = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
    body: request.body,
  });
  reply.status(upstreamReply.statusCode);
  const type = upstreamReply.headers['content-type'];
  if (type) reply.header('content-type', type);
  return reply.send(upstreamReply.body);
});

app.get('/health', async () => ({ ok: true }));

app.listen({ port: Number(port), host: '127.0.0.1' }).catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
